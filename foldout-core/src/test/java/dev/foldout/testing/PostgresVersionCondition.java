package dev.foldout.testing;

import dev.foldout.server.PostgresBinaries;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link EnabledOnPostgres} against the major version of the binaries on the test class path. */
final class PostgresVersionCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<EnabledOnPostgres> range = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, EnabledOnPostgres.class));
        if (range.isEmpty()) {
            return ConditionEvaluationResult.enabled("no PostgreSQL version range");
        }
        int major = PostgresBinaries.fromClasspath().majorVersion();
        EnabledOnPostgres r = range.get();
        String span = "PostgreSQL " + (r.min() > 0 ? r.min() : "any") + " to "
                + (r.max() == Integer.MAX_VALUE ? "newest" : r.max());
        return major >= r.min() && major <= r.max()
                ? ConditionEvaluationResult.enabled("PostgreSQL " + major + " is within " + span)
                : ConditionEvaluationResult.disabled("needs " + span + ", the build runs " + major + ": " + r.reason());
    }
}
