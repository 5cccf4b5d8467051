package io.newsstream.pipeline;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.newsstream.config.NewsstreamConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class SharedStateMemoryTest {

    @Test
    void shouldGiveEveryStoreTheSameWriteBufferManager() {
        Map<String, Object> configs = Map.of(SharedStateMemory.MEMORY_MB_CONFIG,
                NewsstreamConfig.defaultConfig().stateMemoryMb());
        SharedStateMemory setter = new SharedStateMemory();
        try (Options first = storeOptions(); Options second = storeOptions()) {
            setter.setConfig("dedup-anchor-store", first, configs);
            setter.setConfig("alert-story-store", second, configs);
            assertNotNull(first.writeBufferManager());
            assertSame(first.writeBufferManager(), second.writeBufferManager());
            setter.close("dedup-anchor-store", first);
        }
    }

    /** What Kafka Streams hands the setter: options with a block-based table. */
    private static Options storeOptions() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        return options;
    }
}
