#pragma once

#include "core/diagnostic.h"
#include "model/resource.h"
#include "yaml/documentsplitter.h"
#include "yaml/readcontext.h"

#include <QByteArray>
#include <QString>
#include <yaml-cpp/node/impl.h> // the inline definitions too: clang emits no copy otherwise
#include <yaml-cpp/node/node.h>

namespace Project {

// One YAML document of a source file: its text, its parsed tree, its typed resource (for the
// modelled Istio kinds), the positions of its fields and what is wrong with it.
//
// The text is the truth for saving: a document that was never edited is written back exactly
// as it was read. An edit merges the typed value into the tree, re-emits the document (keeping
// its heading comments) and parses the new text again, so positions and diagnostics always
// describe the text that will be saved.
class Document {
public:
    Document(const Yaml::DocumentChunk &chunk, int number, const QString &filePath);

    int number() const { return m_number; } // 1-based within its file
    int startLine() const { return m_startLine; }
    const QString &filePath() const { return m_filePath; }
    const QByteArray &text() const { return m_text; }
    bool isEdited() const { return m_edited; }
    // The text was written to its file: not edited any more.
    void markSaved() { m_edited = false; }

    // Blank documents (only comments or markers) are kept for saving but are not resources.
    bool isBlank() const { return m_blank; }
    bool isParsed() const { return m_parsed; }
    const YAML::Node &node() const { return m_node; }

    const QString &apiVersion() const { return m_apiVersion; }
    const QString &kind() const { return m_kind; }
    const QString &name() const { return m_name; }
    const QString &nameSpace() const { return m_nameSpace; } // "default" when unset
    Istio::ResourceKind modelledKind() const { return Istio::kindOf(m_resource); }
    const Istio::Resource &resource() const { return m_resource; }

    const Core::Diagnostics &diagnostics() const { return m_diagnostics; }
    const Yaml::FieldPositions &positions() const { return m_positions; }
    // Where a field stands; falls back to its nearest recorded ancestor, then the document.
    Core::SourcePosition positionOf(const QString &fieldPath) const;

    // Replaces the typed resource (same kind). Returns false when nothing changed.
    bool setResource(const Istio::Resource &resource);
    // Replaces the document's text (the YAML editor). Returns false when nothing changed.
    bool setText(const QByteArray &text);

    // After an edit above this document changed line counts: shifts positions and diagnostics.
    void setStartLine(int line);

private:
    void parse();
    void readTypedContent(Yaml::ReadContext &context);
    void describeDiagnostics();

    QString m_filePath;
    int m_number = 0;
    int m_startLine = 0;
    QByteArray m_text;
    bool m_edited = false;
    bool m_blank = true;
    bool m_parsed = false;
    YAML::Node m_node;
    QString m_apiVersion;
    QString m_kind;
    QString m_name;
    QString m_nameSpace;
    Istio::Resource m_resource;
    Core::Diagnostics m_diagnostics;
    Yaml::FieldPositions m_positions;
};

} // namespace Project
