// Package refiqda reads and writes the REFI-QDA exchange formats (QDA-XML
// 1.0) that NVivo, ATLAS.ti, MAXQDA and QualCoder share: a codebook file
// (.qdc, schema Codebook.xsd) and a project (.qdpx: a zip holding
// project.qde, schema Project.xsd, and the sources' texts as
// sources/<GUID>.txt).
//
// Project is the XML model: its elements are in schema order, so that
// writing one gives a file valid against Project.xsd when its fields are.
// The schema does not check references; CheckReferences does. Reading is
// lenient, as files from other tools need: any name of the project file,
// braced or malformed GUIDs, empty sets, CRLF text, a byte order mark.
//
//	zipped, err := refiqda.WriteQDPX(p, texts, extra)   // texts by source GUID
//	pkg, err := refiqda.ReadQDPX(zipped)                // pkg.Project, pkg.Texts, pkg.Skipped
package refiqda
