package dev.foldout.spring.internal;

import dev.foldout.junit5.run.TestRun;
import dev.foldout.spring.FoldoutDatabase;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Registered in META-INF/spring.factories: before each test method (or test class) of a {@link FoldoutDatabase}
 * class, its data sources are switched to a fresh branch; after it, the branch's connections are closed and the branch
 * given back. It runs before Spring's transaction listener, so a test-managed transaction runs on the new branch.
 */
public final class FoldoutTestExecutionListener extends AbstractTestExecutionListener {
    private static final String HELD = FoldoutTestExecutionListener.class.getName() + ".branch";
    /** Before TransactionalTestExecutionListener (4000), after dependency injection (2000). */
    private static final int ORDER = 3_900;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void beforeTestClass(TestContext ctx) {
        if (refresh(ctx) == FoldoutDatabase.Refresh.PER_CLASS) {
            ctx.setAttribute(HELD, routing(ctx).begin());
        }
    }

    @Override
    public void beforeTestMethod(TestContext ctx) {
        if (refresh(ctx) == FoldoutDatabase.Refresh.PER_TEST) {
            ctx.setAttribute(HELD, routing(ctx).begin());
        }
    }

    @Override
    public void afterTestMethod(TestContext ctx) {
        if (refresh(ctx) == FoldoutDatabase.Refresh.PER_TEST && ctx.getAttribute(HELD) instanceof TestRun.Lease tb) {
            ctx.removeAttribute(HELD);
            routing(ctx).end(tb);
        }
    }

    @Override
    public void afterTestClass(TestContext ctx) {
        if (refresh(ctx) == FoldoutDatabase.Refresh.PER_CLASS && ctx.getAttribute(HELD) instanceof TestRun.Lease tb) {
            ctx.removeAttribute(HELD);
            routing(ctx).end(tb);
        }
    }

    private static FoldoutDatabase.Refresh refresh(TestContext ctx) {
        FoldoutDatabase a = TestContextAnnotationUtils.findMergedAnnotation(ctx.getTestClass(), FoldoutDatabase.class);
        return a == null ? null : a.refresh();
    }

    private static BranchRouting routing(TestContext ctx) {
        return ctx.getApplicationContext().getBean(FoldoutContextCustomizer.ROUTING_BEAN, BranchRouting.class);
    }
}
