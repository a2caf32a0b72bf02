package io.vaultsync.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import org.junit.jupiter.api.Test;

/**
 * No state shared by everything in the process: a cache, a probe's answer or a pool of clients belongs to
 * the object that lives as long as it is useful (a daemon's sync cycle), and a setting is passed, not put
 * in a system property for whoever reads it next. One exception: {@code transport.SshdAuthTimeout}, the
 * only way to give Apache sshd a time limit under JGit (its javadoc says why).
 */
class GlobalStateTest {
    @Test
    void noStaticFieldCanChange() {
        noFields().that().areStatic().should().notBeFinal()
                .because("a static field that can change is state shared by the whole process")
                .check(LayeringTest.MAIN);
    }

    @Test
    void noSystemPropertyIsSet() {
        noClasses().that().doNotHaveFullyQualifiedName("io.vaultsync.transport.SshdAuthTimeout")
                .should().callMethod(System.class, "setProperty", String.class, String.class)
                .orShould().callMethod(System.class, "clearProperty", String.class)
                .orShould().callMethod(System.class, "setProperties", java.util.Properties.class)
                .because("a system property is a global variable: pass the value to what needs it")
                .check(LayeringTest.MAIN);
    }
}
