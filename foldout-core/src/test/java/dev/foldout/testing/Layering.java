package dev.foldout.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layering rule every extension module checks in a test of its own: its classes (the module's
 * {@code target/classes}) depend on foldout-api and its SPI, never on foldout-core's internals
 * ({@code dev.foldout.internal}) nor on its server runner ({@code dev.foldout.instance}).
 */
public final class Layering {
    private Layering() {
    }

    /**
     * Fails, naming every offending dependency, when a class of the module in the working directory breaks the rule or
     * depends on one of {@code alsoForbidden} (ArchUnit package patterns, e.g. another extension's internals).
     */
    public static void checkModuleUsesApiOnly(String... alsoForbidden) {
        check(Path.of("target", "classes"), alsoForbidden);
    }

    /** The rule, applied to the classes under {@code classes}. */
    public static void check(Path classes, String... alsoForbidden) {
        if (!Files.isDirectory(classes)) {
            throw new AssertionError(classes.toAbsolutePath() + " holds no compiled classes: run the test from the module");
        }
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        String[] forbidden = java.util.stream.Stream.concat(java.util.stream.Stream.of("dev.foldout.internal..",
                "dev.foldout.instance.."), java.util.Arrays.stream(alsoForbidden)).toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("extensions build on foldout-api and its SPI only; what they need of foldout-core moves behind "
                        + "the SPI or into small helpers of their own (issue 14)")
                .check(imported);
    }
}
