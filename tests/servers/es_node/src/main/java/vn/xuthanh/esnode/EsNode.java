package vn.xuthanh.esnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Starts one Elasticsearch node on loopback: {@code EsNode <basePath> <httpPort> [<transportPort>]}.
 * Prints a line when it answers; closes cleanly on SIGTERM.
 */
public class EsNode {
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]).toAbsolutePath();
        int httpPort = Integer.parseInt(args[1]);
        int transportPort = args.length > 2 ? Integer.parseInt(args[2]) : httpPort + 1;
        Files.createDirectories(base.resolve("data"));
        Files.createDirectories(base.resolve("logs"));
        Settings settings = Settings.builder()
            .put("cluster.name", "xuthanh-test")
            .put("node.name", "node-1")
            .put("path.home", base.toString())
            .put("path.data", base.resolve("data").toString())
            .put("path.logs", base.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("discovery.type", "single-node")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            .build();
        LogConfigurator.loadLog4jPlugins();
        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);
        Node node = new ClasspathPluginsNode(
            InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> "node-1"),
            List.of(Netty4Plugin.class, FoldingAnalysisPlugin.class)
        );
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        node.start();
        System.out.println("xuthanh-es-node started on http://127.0.0.1:" + httpPort);
        Thread.currentThread().join();
    }
}
