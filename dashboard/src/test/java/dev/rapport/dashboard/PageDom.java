package dev.rapport.dashboard;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A rendered page parsed as XML, which the dashboard's markup is, to look at its elements and at the text a
 * browser would show: entities decoded, so escaped markup reads as the original string.
 */
final class PageDom {

    private final Document document;

    private PageDom(Document document) {
        this.document = document;
    }

    /** Parses the page; fails the test if it is not well-formed. */
    static PageDom parse(String html) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return new PageDom(builder.parse(new InputSource(new StringReader(html))));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("the page is not well-formed: " + e.getMessage(), e);
        }
    }

    /** The elements an XPath expression selects. */
    List<Element> all(String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document,
                    XPathConstants.NODESET);
            List<Element> elements = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                elements.add((Element) nodes.item(i));
            }
            return elements;
        } catch (XPathExpressionException e) {
            throw new AssertionError("bad XPath " + xpath, e);
        }
    }

    /** The one element an XPath expression selects. */
    Element one(String xpath) {
        List<Element> found = all(xpath);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " elements match " + xpath);
        }
        return found.get(0);
    }

    /** Every element of the page. */
    List<Element> elements() {
        return all("//*");
    }

    /** The text of every element's own text, title tooltips and attribute values, decoded. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (Element e : elements()) {
            texts.add(e.getTextContent());
            for (int i = 0; i < e.getAttributes().getLength(); i++) {
                texts.add(e.getAttributes().item(i).getNodeValue());
            }
        }
        return texts;
    }

    /** The chart with this title: the svg whose title element says it. */
    Element chart(String title) {
        return one("//svg[title='" + title + "']");
    }
}
