package dev.foldout.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The layering rule every extension module checks in a test of its own: its classes (the module's
 * {@code target/classes}) depend on foldout-api and its SPI, never on foldout-core's internals
 * ({@code dev.foldout.internal}) nor on its server runner ({@code dev.foldout.server}), and never on another
 * module's {@code internal} package (its own is its business).
 */
public final class Layering {
    /** A package that is, or lies under, a package named {@code internal}. */
    private static final Pattern INTERNAL = Pattern.compile("(^|.*\\.)internal(\\..*)?");

    private Layering() {
    }

    /**
     * Fails, naming every offending dependency, when a class of the module in the working directory breaks the rule or
     * depends on one of {@code alsoForbidden} (ArchUnit package patterns, e.g. another extension's internals).
     * Returns the names of the classes checked, so that a test can show the rule saw the module's code.
     */
    public static Set<String> checkModuleUsesApiOnly(String... alsoForbidden) {
        return check(Path.of("target", "classes"), alsoForbidden);
    }

    /** The rule, applied to the classes under {@code classes}; returns the names of the classes checked. */
    public static Set<String> check(Path classes, String... alsoForbidden) {
        if (!Files.isDirectory(classes)) {
            throw new AssertionError(classes.toAbsolutePath() + " holds no compiled classes: run the test from the module");
        }
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        String[] forbidden = java.util.stream.Stream.concat(java.util.stream.Stream.of("dev.foldout.internal..",
                "dev.foldout.server.."), java.util.Arrays.stream(alsoForbidden)).toArray(String[]::new);
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(forbidden)
                        .or(internalOfAnotherModule(imported)))
                .because("extensions build on foldout-api and its SPI only, and on other modules' public packages; what "
                        + "they need of foldout-core moves behind the SPI or into small helpers of their own (issue 14)")
                .check(imported);
        return imported.stream().map(JavaClass::getName).collect(Collectors.toSet());
    }

    /** Classes in an {@code internal} package that holds none of the module's own classes. */
    private static DescribedPredicate<JavaClass> internalOfAnotherModule(JavaClasses module) {
        Set<String> own = module.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        return DescribedPredicate.describe("reside in another module's internal package",
                c -> INTERNAL.matcher(c.getPackageName()).matches() && !own.contains(c.getPackageName()));
    }
}
