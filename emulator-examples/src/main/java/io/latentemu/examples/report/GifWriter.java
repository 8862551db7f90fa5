package io.latentemu.examples.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Writes frames as a looping animated GIF with the JDK's own GIF encoder (no extra dependency). */
public final class GifWriter {

    private GifWriter() {
    }

    /**
     * @param frames   images of equal size, in order
     * @param delayMs  time each frame is shown, in milliseconds (GIF resolution is 10 ms)
     * @param target   output file, written under a temporary name and moved into place
     */
    public static void write(List<BufferedImage> frames, int delayMs, Path target) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to write to " + target);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(tmp))) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(frame);
                IIOMetadata meta = writer.getDefaultImageMetadata(type, null);
                configure(meta, Math.max(1, delayMs / 10));
                writer.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void configure(IIOMetadata meta, int delayCentiseconds) throws IIOInvalidTreeException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        gce.setAttribute("transparentColorIndex", "0");
        IIOMetadataNode apps = child(root, "ApplicationExtensions");
        IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
        loop.setAttribute("applicationID", "NETSCAPE");
        loop.setAttribute("authenticationCode", "2.0");
        loop.setUserObject(new byte[] {1, 0, 0}); // loop forever
        apps.appendChild(loop);
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
