#pragma once

#include "core/diagnostic.h"
#include "workspace/workspace.h"

#include <QAbstractItemModel>
#include <QHash>
#include <array>
#include <vector>

// The Resources tree: namespace → kind → resource name, in the order the files list them, over
// the documents of a Workspace. Documents without a kind (or that failed to parse) sit under
// "(no kind)"; files that could not be read at all under "(unreadable files)" at the end, so
// nothing the user opened goes missing.
//
// Each row carries a badge for the worst finding about it (and its group rows the worst below
// them), taken from the diagnostics the caller computes: the model does not validate. The model
// follows the workspace on its own: filesChanged resets it; documentChanged refreshes that row,
// or resets when the edit moved the resource (new namespace, kind or name).
//
// The workspace must outlive the model. Create the model before connecting other handlers to
// the workspace's signals, so those handlers already see the updated tree.
class ResourceModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Columns { NameColumn, COLUMN_COUNT };
    enum class NodeType { Namespace, Kind, Resource, UnreadableFiles, UnreadableFile };
    enum Roles {
        DocumentRefRole = Qt::UserRole + 1, // Project::DocumentRef, on Resource rows only
        NodeTypeRole,                       // int, a NodeType
        FilePathRole,                       // QString, on Resource and UnreadableFile rows
        NamespaceRole,                      // QString, on Namespace, Kind and Resource rows
        KindRole,                           // QString ("" when the document has none)
        NameRole,                           // QString, metadata.name ("" when unnamed)
        HostsRole,                          // QStringList, the hosts a resource is about
        BadgeLevelRole,                     // int, the worst Core::Level; -1 when clean
        DiagnosticCountRole,                // int, findings on this row and below it
    };

    explicit ResourceModel(const Project::Workspace &workspace, QObject *parent = nullptr);

    // Findings as Validation::Validator::validate() returns them. Kept and mapped again after
    // every reset, until the next call.
    void setDiagnostics(const Core::Diagnostics &diagnostics);

    // The row of a document; invalid for blank documents and unknown refs.
    QModelIndex indexOf(Project::DocumentRef ref) const;
    // The document of a Resource row; an invalid ref for every other row.
    Project::DocumentRef documentRef(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // The tree as a flat list; a node's id (its position) is the index's internal id. Node 0 is
    // the invisible root. Rebuilt whole on reset, so ids are stable between resets.
    struct Node {
        NodeType type = NodeType::Namespace;
        QString text;
        int parent = 0;
        int row = 0;
        std::vector<int> children;
        Project::DocumentRef ref;    // Resource rows
        int file = -1;               // Resource and UnreadableFile rows
        std::array<int, 3> counts{}; // findings by Core::Level, this row and below
    };

    void rebuild();
    void handleDocumentChanged(Project::DocumentRef ref);
    int addChild(int parent, NodeType type, const QString &text);
    int nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(int id) const;
    int nodeForDiagnostic(const Core::Diagnostic &diagnostic) const;
    void applyDiagnostics(bool announce);

    const Project::Workspace &m_workspace;
    std::vector<Node> m_nodes;
    QHash<quint64, int> m_resourceNodes; // DocumentRef → node id
    Core::Diagnostics m_diagnostics;
};
