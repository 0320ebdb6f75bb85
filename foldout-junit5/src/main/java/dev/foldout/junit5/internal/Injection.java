package dev.foldout.junit5.internal;

import dev.foldout.junit5.FoldoutBranch;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** What can be injected - a {@link DataSource}, a {@link Connection} or a JDBC URL {@link String} - and the injecting. */
public final class Injection {
    private Injection() {
    }

    /** Whether {@code type} is one of the injectable types; a String only with {@link FoldoutBranch}. */
    public static boolean supports(Class<?> type, boolean annotated) {
        return type == DataSource.class || type == Connection.class || (type == String.class && annotated);
    }

    /**
     * The value of {@code type} for a test on {@code tb}: connections come from {@code connections} (closed when
     * the test or class that asked ends), data sources from {@code dataSource}.
     */
    public static Object value(Class<?> type, TestBranch tb, DataSource dataSource, DataSource connections) {
        if (type == DataSource.class) {
            return dataSource;
        }
        if (type == Connection.class) {
            try {
                return connections.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open a connection to branch " + tb.name() + ": " + e.getMessage(), e);
            }
        }
        return tb.jdbcUrlWithCredentials();
    }

    /** The fields of {@code type} and its superclasses annotated with {@link FoldoutBranch}, static or not. */
    public static List<Field> fields(Class<?> type, boolean statics) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(FoldoutBranch.class) && Modifier.isStatic(f.getModifiers()) == statics) {
                    if (!supports(f.getType(), true) || Modifier.isFinal(f.getModifiers())) {
                        throw new ExtensionConfigurationException("@FoldoutBranch field " + c.getSimpleName() + "."
                                + f.getName() + " must be a non-final DataSource, Connection or String (a JDBC URL)");
                    }
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** Sets {@code field} of {@code target} (null for a static field). */
    public static void set(Field field, Object target, Object value) {
        try {
            field.setAccessible(true);
            field.set(target, value);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot set @FoldoutBranch field " + field.getDeclaringClass()
                    .getSimpleName() + "." + field.getName() + ": " + e.getMessage(), e);
        }
    }
}
