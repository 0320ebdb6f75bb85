package dev.foldout.junit5.internal;

import dev.foldout.junit5.FoldoutExtension;
import dev.foldout.junit5.FoldoutTest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which foldout-junit5 configuration serves a test class: the one declared nearest to it. That is the class's
 * own ({@code @FoldoutTest} on it or a superclass, or a {@code @RegisterExtension FoldoutExtension} field of it or
 * a superclass), else that of the nearest enclosing class ({@code @Nested} classes). Two declared on one class
 * are refused: which one a test would get could not be told from the code.
 */
public final class Registrations {
    private Registrations() {
    }

    /**
     * The class whose configuration serves {@code testClass}, if any declares one.
     *
     * @throws ExtensionConfigurationException when that class declares two
     */
    public static Optional<Class<?>> owner(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = enclosing(c)) {
            List<String> found = declared(c);
            if (found.size() > 1) {
                throw new ExtensionConfigurationException(c.getName() + " has " + found.size() + " foldout-junit5 "
                        + "configurations (" + String.join(", ", found) + "): keep one - a @Nested class may declare "
                        + "its own, which then serves its tests in place of the enclosing class's");
            }
            if (found.size() == 1) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code extension} is the configuration {@code owner} declares: the annotation form when it carries
     * {@code @FoldoutTest}, else the value of its {@code @RegisterExtension} field (an instance field is read from
     * {@code instances}, the test instances, when there are any).
     */
    public static boolean declares(Class<?> owner, FoldoutExtension extension, boolean annotationForm, List<Object> instances) {
        if (owner.isAnnotationPresent(FoldoutTest.class)) {
            return annotationForm;
        }
        for (Field f : fields(owner)) {
            if (Modifier.isStatic(f.getModifiers())) {
                return read(f, null) == extension;
            }
            for (Object instance : instances) {
                if (owner.isInstance(instance)) {
                    return read(f, instance) == extension;
                }
            }
        }
        return false;
    }

    private static List<String> declared(Class<?> c) {
        List<String> out = new ArrayList<>();
        if (c.isAnnotationPresent(FoldoutTest.class)) {
            out.add("@FoldoutTest");
        }
        for (Field f : fields(c)) {
            out.add("@RegisterExtension field " + f.getDeclaringClass().getSimpleName() + "." + f.getName());
        }
        return out;
    }

    /** The {@code @RegisterExtension} fields of {@code c} and its superclasses that hold a FoldoutExtension. */
    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.isAnnotationPresent(RegisterExtension.class) && (FoldoutExtension.class.isAssignableFrom(f.getType())
                        || Modifier.isStatic(f.getModifiers()) && read(f, null) instanceof FoldoutExtension)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static Object read(Field f, Object target) {
        try {
            f.setAccessible(true);
            return f.get(target);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot read @RegisterExtension field " + f.getDeclaringClass()
                    .getSimpleName() + "." + f.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The class a {@code @Nested} (inner) class sits in, whose extensions JUnit applies to it too; else null. */
    private static Class<?> enclosing(Class<?> c) {
        return c.isMemberClass() && !Modifier.isStatic(c.getModifiers()) ? c.getEnclosingClass() : null;
    }
}
