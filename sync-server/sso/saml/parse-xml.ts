import { DOMParser } from "@xmldom/xmldom";

/**
 * Untrusted XML (IdP metadata, privilege lists) → its root element, or undefined when it is not
 * well-formed. A DOCTYPE is refused outright: neither format needs one, and entities are how
 * XML bombs and external-entity reads start.
 */
export function parseXmlRoot(xml: string): Element | undefined {
  if (/<!DOCTYPE/i.test(xml)) return undefined;
  const problems: string[] = [];
  const document = new DOMParser({
    // Warnings count too: an unclosed element is only a warning to xmldom.
    errorHandler: (_level: string, message: unknown) => {
      problems.push(String(message));
    },
  }).parseFromString(xml, "text/xml");
  return problems.length === 0 ? (document.documentElement ?? undefined) : undefined;
}

/** The element children of parent with this local name (any namespace prefix). */
export function childElements(parent: Element, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) {
      found.push(node as Element);
    }
  }
  return found;
}

/** Every descendant element of parent with this local name, in document order. */
export function descendantElements(parent: Element, localName: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS("*", localName));
}

export function trimmedText(element: Element): string {
  return (element.textContent ?? "").trim();
}
