import Foundation
import Kernel
import Testing
import Translations

/// XLIFF files as micic writes them and as CAT tools send them back.
@Suite struct XLIFFFormatTests {
    let format = XLIFFFormat()

    let packet = TranslationPacket(
        jobID: 7,
        sourceLanguage: "en",
        targetLanguage: "es",
        type: "practice",
        sourceID: 42,
        units: [
            TranslationUnit(field: "title", sourceHash: "aa", source: "Evacuation & return", target: nil),
            TranslationUnit(
                field: "body",
                sourceHash: "bb",
                source: "**Consulates** <helped>\n\n- [a link](https://example.org?a=1&b=2)\r\n\u{1}",
                target: "Los **consulados**"
            ),
        ]
    )

    @Test func whatIsWrittenIsReadBackExactly() throws {
        let data = try format.encode([packet])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0""#))
        #expect(text.contains("Evacuation &amp; return"))
        #expect(text.contains(#"<cp hex="0001"/>"#))
        #expect(try format.decode(data) == [packet])
    }

    @Test func oneFileHoldsOneLanguagePair() {
        var french = packet
        french.jobID = 8
        french.targetLanguage = "fr"
        #expect(throws: TranslationImportError.self) { try format.encode([packet, french]) }
    }

    /// Shaped like what CAT tools return: their own namespaces and attributes, notes,
    /// pretty-printed whitespace between elements, units split into several segments with
    /// ignorable spaces between them, and inline markup inside the text.
    @Test func readsFilesShapedLikeCATToolOutput() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- Exported by a CAT tool -->
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"
                   xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"
                   xmlns:fs="urn:oasis:names:tc:xliff:fs:2.0"
                   xmlns:mq="MQXliff" version="2.1" srcLang="en" trgLang="es">
              <file id="job-7" original="practice/42" mq:project="MICIC">
                <notes><note category="tool">Checked by QA</note></notes>
                <mda:metadata>
                  <mda:metaGroup category="tool"><mda:meta type="job">999</mda:meta></mda:metaGroup>
                  <mda:metaGroup category="micic">
                    <mda:meta type="job">7</mda:meta>
                    <mda:meta type="type">practice</mda:meta>
                    <mda:meta type="source">42</mda:meta>
                  </mda:metaGroup>
                </mda:metadata>
                <group id="g1">
                  <unit id="title" name="title" mq:status="Confirmed">
                    <mda:metadata>
                      <mda:metaGroup category="micic"><mda:meta type="source-hash">aa</mda:meta></mda:metaGroup>
                    </mda:metadata>
                    <notes><note>Keep it short</note></notes>
                    <segment id="s1" state="final">
                      <source>Evacuation</source>
                      <target>Evacuación</target>
                    </segment>
                    <ignorable><source> </source></ignorable>
                    <segment id="s2" state="translated">
                      <source>&amp; return</source>
                      <target>y <mrk id="m1" translate="yes">retorno</mrk></target>
                    </segment>
                  </unit>
                </group>
                <unit id="body">
                  <mda:metadata>
                    <mda:metaGroup category="micic"><mda:meta type="source-hash">bb</mda:meta></mda:metaGroup>
                  </mda:metadata>
                  <segment>
                    <source xml:space="preserve">**Consulates** helped</source>
                    <target xml:space="preserve">Los <pc id="1">**consulados**</pc> ayudaron<cp hex="0009"/>.</target>
                  </segment>
                </unit>
              </file>
            </xliff>
            """
        let packets = try format.decode(Data(xml.utf8))
        #expect(packets.count == 1)
        let read = try #require(packets.first)
        #expect(read.jobID == 7 && read.sourceID == 42 && read.type == "practice")
        #expect(read.sourceLanguage == "en" && read.targetLanguage == "es")
        #expect(
            read.units == [
                TranslationUnit(
                    field: "title",
                    sourceHash: "aa",
                    source: "Evacuation & return",
                    target: "Evacuación y retorno"
                ),
                TranslationUnit(
                    field: "body",
                    sourceHash: "bb",
                    source: "**Consulates** helped",
                    target: "Los **consulados** ayudaron\t."
                ),
            ]
        )
    }

    @Test func badFilesAreRefusedWithAReason() {
        let cases: [(String, String)] = [
            ("<xliff version=\"2.1\" srcLang=\"en\" trgLang=\"es\"><file id=\"job-1\">", "not well-formed XML (line"),
            ("<html><body/></html>", "not XLIFF"),
            (#"<xliff version="1.2"><file/></xliff>"#, "only XLIFF 2"),
            (#"<xliff version="2.1" srcLang="en"><file id="job-1"/></xliff>"#, "srcLang and trgLang"),
            (#"<xliff version="2.1" srcLang="en" trgLang="es"></xliff>"#, "no <file>"),
            (
                #"<xliff version="2.1" srcLang="en" trgLang="es"><file id="job-1"><unit id="title"/></file></xliff>"#,
                "no <segment>"
            ),
            (#"<xliff version="2.1" srcLang="en" trgLang="es"><file id="x"/></xliff>"#, "names no job"),
            // What no XML parser may accept, each named with its place.
            ("<xliff>\n  <file></unit>\n</xliff>", "(line 2, column 9): </unit> does not close <file>"),
            ("<xliff a='1' a='2'/>", "has the attribute a twice"),
            ("<xliff a='<'/>", "'<' may not appear in an attribute value"),
            ("<xliff>&nbsp;</xliff>", "&nbsp; is not an entity XML defines"),
            ("<xliff>&#0;</xliff>", "&#0; is not a character XML may hold"),
            ("<xliff>a & b</xliff>", "'&' must start a reference"),
            ("<xliff>\u{1}</xliff>", "the control character U+0001"),
            ("<xliff>]]></xliff>", "']]>' may not appear in text"),
            ("<xliff/><xliff/>", "only comments and white space may follow"),
            ("text<xliff/>", "text may not appear outside the root element"),
            ("<xliff><!-- a -- b --></xliff>", "'--' may not appear inside a comment"),
            ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><xliff/>", "only UTF-8 files are read"),
            // A document type declaration could define entities that expand without end.
            (
                """
                <?xml version="1.0"?>
                <!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
                <xliff version="2.1" srcLang="en" trgLang="es">&lol2;</xliff>
                """,
                "(line 2, column 1): document type declarations are not read"
            ),
        ]
        for (xml, expected) in cases {
            do {
                _ = try format.decode(Data(xml.utf8))
                Issue.record("accepted: \(xml)")
            } catch let error as TranslationImportError {
                #expect(error.description.contains(expected), "\(error.description)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        #expect {
            try format.decode(Data([0x3C, 0x78, 0x6C, 0x69, 0x66, 0x66, 0xFF, 0x2F, 0x3E]))
        } throws: { error in
            "\(error)".contains("the file is not well-formed XML: the file is not UTF-8 text")
        }
    }

    /// CDATA sections, references and line ends as XML reads them: a line end written
    /// `\r\n` or `\r` is read `\n` (in CDATA too), one written as `&#13;` stays `\r`.
    @Test func textIsReadAsXMLDefinesIt() throws {
        let xml =
            "\u{FEFF}<?xml version='1.0' encoding='UTF-8'?>\r\n<?tool hint?>"
            + #"<xliff version="2.1" srcLang="en" trgLang="es"><file id="job-3">"#
            + #"<unit id="title"><segment><source>a<![CDATA[<b> & ]]]]>\#r\#nc&#13;&#x1F600;&apos;</source>"#
            + #"<target>x\#ry</target></segment></unit></file></xliff>"#
        let packets = try format.decode(Data(xml.utf8))
        #expect(packets.map(\.jobID) == [3])
        #expect(packets[0].units.map(\.source) == ["a<b> & ]]\nc\r😀'"])
        #expect(packets[0].units.map(\.target) == ["x\ny"])
    }
}
