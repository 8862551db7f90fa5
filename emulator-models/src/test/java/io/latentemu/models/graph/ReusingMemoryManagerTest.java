package io.latentemu.models.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ReusingMemoryManagerTest {

    @Test
    void theNextRunGetsTheSameBuffersAndStaleOnesAreFreed() {
        ReusingMemoryManager m = new ReusingMemoryManager();
        m.beginRun();
        INDArray a = m.allocate(false, DataType.FLOAT, 2, 3);
        INDArray b = m.allocate(false, DataType.FLOAT, 4);
        assertEquals(40, m.allocatedBytes());

        m.beginRun();
        INDArray a2 = m.allocate(false, DataType.FLOAT, 3, 2);
        assertSame(a.data(), a2.data(), "same length, same buffer");
        assertArrayEquals(new long[]{3, 2}, a2.shape());
        INDArray b2 = m.allocate(false, DataType.FLOAT, 4);
        assertSame(b.data(), b2.data());
        assertEquals(40, m.allocatedBytes(), "nothing new allocated");

        m.beginRun();
        INDArray c = m.allocate(false, DataType.FLOAT, 100);
        assertEquals(440, m.allocatedBytes());
        m.beginRun();
        assertEquals(400, m.allocatedBytes(), "buffers the last run did not use are freed");
    }
}
