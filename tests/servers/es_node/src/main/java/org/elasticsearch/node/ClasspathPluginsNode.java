package org.elasticsearch.node;

import java.util.Collection;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsService;

/**
 * A plain Elasticsearch node whose plugins are classes on the classpath (as the test framework's
 * MockNode does, but without the test bootstrap that refuses to run as root). Lives in this package
 * because NodeConstruction and NodeServiceProvider are package-private.
 */
public class ClasspathPluginsNode extends Node {
    public ClasspathPluginsNode(Environment environment, Collection<Class<? extends Plugin>> classpathPlugins) {
        super(NodeConstruction.prepareConstruction(environment, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, Settings settings) {
                return new MockPluginsService(settings, env, classpathPlugins);
            }
        }, true));
    }

    @Override
    protected void configureNodeAndClusterIdStateListener(org.elasticsearch.cluster.service.ClusterService clusterService) {
        // one node per JVM, started once: nothing to configure
    }
}
