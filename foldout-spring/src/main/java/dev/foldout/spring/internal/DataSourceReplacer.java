package dev.foldout.spring.internal;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Puts a {@link BranchDataSource} in the place of every {@code DataSource} bean the context makes. */
final class DataSourceReplacer implements BeanPostProcessor {
    private final BranchRouting routing;

    DataSourceReplacer(BranchRouting routing) {
        this.routing = routing;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource) || bean instanceof BranchDataSource) {
            return bean;
        }
        if (bean instanceof AutoCloseable closeable) {
            try {
                closeable.close(); // a pool (Hikari, say) that never served: it is replaced before its first connection
            } catch (Exception ignored) {
                // it held nothing
            }
        }
        return new BranchDataSource(routing, beanName);
    }
}
