package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM stays complete: it has no parent (so that it manages no third-party versions), which means nothing
 * inherits into it and a module added to the build must be added to it by hand. This test reads the build's poms
 * (from this module's directory, one level below the root) and checks that it was.
 */
@DisplayName("rapport-bom")
class BomTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .getParent();

    @Test
    @DisplayName("manages every module the build publishes, at the build's version, and nothing else")
    void managesEveryPublishedModule() throws Exception {
        // given the build's modules, without those that are not deployed and the BOM itself
        Document parent = read(ROOT.resolve("pom.xml"));
        List<String> published = new ArrayList<>();
        for (String module : texts(parent.getDocumentElement(), "modules", "module")) {
            Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
            boolean deployed = !"true".equals(text(pom.getDocumentElement(), "properties", "maven.deploy.skip"));
            String artifactId = text(pom.getDocumentElement(), "artifactId");
            if (deployed && !artifactId.equals("rapport-bom")) {
                published.add("dev.rapport:" + artifactId + ":${project.version}");
            }
        }

        // when the BOM's managed dependencies are read
        Document bom = read(ROOT.resolve("bom").resolve("pom.xml"));
        List<String> managed = new ArrayList<>();
        for (Element dependency : children(child(child(bom.getDocumentElement(), "dependencyManagement"),
                "dependencies"), "dependency")) {
            managed.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId") + ":"
                    + text(dependency, "version"));
        }

        // then they are exactly the published modules, and the BOM's version is the build's
        assertThat(published).contains("dev.rapport:rapport-core:${project.version}");
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
        assertThat(child(bom.getDocumentElement(), "parent")).as("the BOM's parent").isNull();
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    /** The text of the element at the path below {@code from}, or null if there is none. */
    private static String text(Element from, String... path) {
        Element at = from;
        for (String name : path) {
            at = child(at, name);
        }
        return at == null ? null : at.getTextContent().trim();
    }

    private static List<String> texts(Element from, String container, String name) {
        return children(child(from, container), name).stream().map(e -> e.getTextContent().trim()).toList();
    }
}
