package io.vaultsync.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked: no package cycles, and dependencies only downwards through the layers
 * CLI → services → pipeline stages → model. Workers and services never reach into CLI classes. All four
 * modules are on this module's test class path (cloud-agent as a test dependency).
 */
class LayeringTest {
    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vaultsync");

    static final String[] CLI = {"io.vaultsync.cli..", "io.vaultsync.claim.cli..", "io.vaultsync.local.cli..",
        "io.vaultsync.cloud", "io.vaultsync.local", "io.vaultsync.ops.."};
    static final String[] SERVICES = {"io.vaultsync.local.approve..", "io.vaultsync.local.exec..",
        "io.vaultsync.local.dashboard..", "io.vaultsync.local.notify..", "io.vaultsync.cloud.handler..", "io.vaultsync.claim", "io.vaultsync.doctor..",
        "io.vaultsync.status..", "io.vaultsync.work..", "io.vaultsync.daemon.."};
    static final String[] PIPELINE = {"io.vaultsync.sync..", "io.vaultsync.integrate..", "io.vaultsync.git..", "io.vaultsync.gate..",
        "io.vaultsync.transport..", "io.vaultsync.journal..", "io.vaultsync.process.."};
    static final String[] MODEL = {"io.vaultsync", "io.vaultsync.policy..", "io.vaultsync.config..",
        "io.vaultsync.conflict..", "io.vaultsync.markdown..", "io.vaultsync.lease..", "io.vaultsync.signal..",
        "io.vaultsync.progress..", "io.vaultsync.trust.."};

    @Test
    void noPackageCycles() {
        slices().matching("io.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void dependenciesGoDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("CLI").definedBy(CLI)
                .layer("Services").definedBy(SERVICES)
                .layer("Pipeline").definedBy(PIPELINE)
                .layer("Model").definedBy(MODEL)
                .whereLayer("CLI").mayNotBeAccessedByAnyLayer()
                .whereLayer("Services").mayOnlyBeAccessedByLayers("CLI")
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("CLI", "Services")
                .check(MAIN);
    }
}
