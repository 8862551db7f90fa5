package io.latentemu.models.nn;

import io.latentemu.models.onednn.OneDnnOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.imports.converters.ImportClassMapping;

/**
 * The project's own op classes ({@link ForwardGradientConv2D}, and the {@link NativeOpUnderOwnName}s
 * {@link VectorTanh} and {@link ColumnBroadcast}'s kinds): native libnd4j ops under their own names, with
 * gradients of their own; and the oneDNN ops ({@link OneDnnOp#register()}). SameDiff finds an op's class by
 * its name when it clones a graph to build gradients and when it loads a saved graph, so the names must be in
 * ND4J's op table first; {@link #register()} puts them there.
 */
public final class CustomOps {

    private static boolean registered;

    private CustomOps() {
    }

    /** Adds every op of the project to ND4J's op table; idempotent (the op classes call it when loaded). */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        registered = true;
        add(ForwardGradientConv2D.OP_NAME, new ForwardGradientConv2D());
        add(VectorTanh.OP_NAME, new VectorTanh());
        add(ColumnBroadcast.Subtract.OP_NAME, new ColumnBroadcast.Subtract());
        add(ColumnBroadcast.Multiply.OP_NAME, new ColumnBroadcast.Multiply());
        OneDnnOp.register();
    }

    private static void add(String name, DynamicCustomOp op) {
        ImportClassMapping.getOpNameMapping().putIfAbsent(name, op);
    }
}
