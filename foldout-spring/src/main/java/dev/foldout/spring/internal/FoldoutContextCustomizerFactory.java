package dev.foldout.spring.internal;

import dev.foldout.spring.FoldoutDatabase;
import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Registered in META-INF/spring.factories: a customizer for test classes that carry {@link FoldoutDatabase}. */
public final class FoldoutContextCustomizerFactory implements ContextCustomizerFactory {
    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configs) {
        FoldoutDatabase a = TestContextAnnotationUtils.findMergedAnnotation(testClass, FoldoutDatabase.class);
        return a == null ? null : new FoldoutContextCustomizer(a);
    }
}
