package vn.xuthanh.esnode;

import java.util.Map;

import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The three token filters of Elasticsearch's analysis-common module that our index settings use
 * ("lowercase", "asciifolding", "edge_ngram"), built on the same Lucene classes. The module itself
 * is not published to Maven Central for 8.x, so this node carries these instead.
 */
public class FoldingAnalysisPlugin extends Plugin implements AnalysisPlugin {
    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "lowercase",
            (indexSettings, env, name, settings) -> new AbstractTokenFilterFactory(name, settings) {
                @Override
                public TokenStream create(TokenStream tokenStream) {
                    return new LowerCaseFilter(tokenStream);
                }
            },
            "asciifolding",
            (indexSettings, env, name, settings) -> {
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
                return new AbstractTokenFilterFactory(name, settings) {
                    @Override
                    public TokenStream create(TokenStream tokenStream) {
                        return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
                    }
                };
            },
            "edge_ngram",
            (indexSettings, env, name, settings) -> {
                int minGram = settings.getAsInt("min_gram", 1);
                int maxGram = settings.getAsInt("max_gram", 2);
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
                return new AbstractTokenFilterFactory(name, settings) {
                    @Override
                    public TokenStream create(TokenStream tokenStream) {
                        return new EdgeNGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
                    }
                };
            }
        );
    }
}
