/** How foldout-spring hooks into spring-test: a context customizer, a test execution listener, the routed data source. */
package dev.foldout.spring.internal;
