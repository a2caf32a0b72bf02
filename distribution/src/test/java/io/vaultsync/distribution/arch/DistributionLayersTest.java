package io.vaultsync.distribution.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The distribution module's shape: no cycles between its packages, and dependencies only downwards:
 * cli (and dmerge's commands: drift, rollback, decisions) → publish → the stages (strategy, transform, validate,
 * state, merge) → the inputs (rules, registry). The root
 * package holds the entry point ({@code Main}) and the one exception, and is outside the slices.
 */
class DistributionLayersTest {
    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vaultsync.distribution");

    @Test
    void noPackageCycles() {
        slices().matching("io.vaultsync.distribution.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void dependenciesGoDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("CLI").definedBy("io.vaultsync.distribution.cli..", "io.vaultsync.distribution.drift..",
                        "io.vaultsync.distribution.rollback..", "io.vaultsync.distribution.decisions..")
                .layer("Publish").definedBy("io.vaultsync.distribution.publish..")
                .layer("Stages").definedBy("io.vaultsync.distribution.strategy..", "io.vaultsync.distribution.transform..",
                        "io.vaultsync.distribution.validate..", "io.vaultsync.distribution.state..", "io.vaultsync.distribution.merge..")
                .layer("Inputs").definedBy("io.vaultsync.distribution.rules..", "io.vaultsync.distribution.registry..")
                .whereLayer("CLI").mayNotBeAccessedByAnyLayer()
                .whereLayer("Publish").mayOnlyBeAccessedByLayers("CLI")
                .whereLayer("Stages").mayOnlyBeAccessedByLayers("CLI", "Publish")
                .check(MAIN);
    }
}
