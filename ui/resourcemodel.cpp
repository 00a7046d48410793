#include "resourcemodel.h"

#include "levelicon.h"

#include <QFileInfo>

namespace {

quint64 refKey(Project::DocumentRef ref)
{
    return (quint64(quint32(ref.file)) << 32) | quint32(ref.document);
}

QString displayKind(const Project::Document &document)
{
    return document.kind().isEmpty() ? ResourceModel::tr("(no kind)") : document.kind();
}

QString displayName(const Project::Document &document)
{
    if (!document.name().isEmpty())
        return document.name();
    return ResourceModel::tr("document %1 of %2")
        .arg(document.number())
        .arg(QFileInfo(document.filePath()).fileName());
}

// The host names a resource is about, for finding it by host in the filter.
QStringList hostsOf(const Istio::Resource &resource)
{
    QStringList hosts;
    if (const auto *gateway = std::get_if<Istio::Gateway>(&resource)) {
        for (const Istio::Server &server : gateway->spec.servers) {
            for (const QString &host : server.hosts)
                hosts << host;
        }
    } else if (const auto *service = std::get_if<Istio::VirtualService>(&resource)) {
        for (const QString &host : service->spec.hosts)
            hosts << host;
    } else if (const auto *rule = std::get_if<Istio::DestinationRule>(&resource)) {
        if (rule->spec.host)
            hosts << *rule->spec.host;
    }
    hosts.removeDuplicates();
    return hosts;
}

int worstLevel(const std::array<int, 3> &counts)
{
    for (int level = 0; level < 3; ++level) {
        if (counts[level] > 0)
            return level;
    }
    return -1;
}

} // namespace

ResourceModel::ResourceModel(const Project::Workspace &workspace, QObject *parent)
    : QAbstractItemModel(parent), m_workspace(workspace)
{
    connect(&workspace, &Project::Workspace::filesChanged, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
    connect(&workspace, &Project::Workspace::documentChanged, this,
            &ResourceModel::handleDocumentChanged);
    rebuild();
}

void ResourceModel::setDiagnostics(const Core::Diagnostics &diagnostics)
{
    m_diagnostics = diagnostics;
    applyDiagnostics(true);
}

QModelIndex ResourceModel::indexOf(Project::DocumentRef ref) const
{
    return indexOfNode(m_resourceNodes.value(refKey(ref), -1));
}

Project::DocumentRef ResourceModel::documentRef(const QModelIndex &index) const
{
    const int id = nodeOf(index);
    return id > 0 ? m_nodes[id].ref : Project::DocumentRef{};
}

int ResourceModel::addChild(int parent, NodeType type, const QString &text)
{
    Node node;
    node.type = type;
    node.text = text;
    node.parent = parent;
    node.row = static_cast<int>(m_nodes[parent].children.size());
    m_nodes.push_back(std::move(node));
    const int id = static_cast<int>(m_nodes.size()) - 1;
    m_nodes[parent].children.push_back(id);
    return id;
}

// Called between begin/endResetModel (or from the constructor).
void ResourceModel::rebuild()
{
    m_nodes.assign(1, Node{});
    m_resourceNodes.clear();
    QHash<QString, int> namespaces;
    QHash<QString, int> kinds; // "namespace/kind"
    for (const Project::DocumentRef &ref : m_workspace.documents()) {
        const Project::Document &document = m_workspace.document(ref);
        int &ns = namespaces[document.nameSpace()];
        if (ns == 0)
            ns = addChild(0, NodeType::Namespace, document.nameSpace());
        int &kind = kinds[document.nameSpace() + QLatin1Char('/') + displayKind(document)];
        if (kind == 0)
            kind = addChild(ns, NodeType::Kind, displayKind(document));
        const int id = addChild(kind, NodeType::Resource, displayName(document));
        m_nodes[id].ref = ref;
        m_nodes[id].file = ref.file;
        m_resourceNodes.insert(refKey(ref), id);
    }
    int unreadable = 0;
    const auto &files = m_workspace.files();
    for (int f = 0; f < static_cast<int>(files.size()); ++f) {
        if (files[f].fileDiagnostics().isEmpty() || !files[f].documents().empty())
            continue;
        if (unreadable == 0)
            unreadable = addChild(0, NodeType::UnreadableFiles, tr("(unreadable files)"));
        const int id =
            addChild(unreadable, NodeType::UnreadableFile, QFileInfo(files[f].path()).fileName());
        m_nodes[id].file = f;
    }
    applyDiagnostics(false);
}

void ResourceModel::handleDocumentChanged(Project::DocumentRef ref)
{
    const int id = m_resourceNodes.value(refKey(ref), -1);
    const Project::Document &document = m_workspace.document(ref);
    if (id < 0 && document.isBlank())
        return;
    bool moved = id < 0 || document.isBlank();
    if (!moved) {
        const Node &node = m_nodes[id];
        const Node &kind = m_nodes[node.parent];
        moved = node.text != displayName(document) || kind.text != displayKind(document) ||
                m_nodes[kind.parent].text != document.nameSpace();
    }
    if (moved) {
        // Rare (a rename in the editor); a reset keeps the code simple and the tree exact.
        beginResetModel();
        rebuild();
        endResetModel();
        return;
    }
    const QModelIndex index = indexOfNode(id);
    emit dataChanged(index, index);
}

int ResourceModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return 0;
    return static_cast<int>(index.internalId());
}

QModelIndex ResourceModel::indexOfNode(int id) const
{
    if (id <= 0 || id >= static_cast<int>(m_nodes.size()))
        return {};
    return createIndex(m_nodes[id].row, 0, quintptr(id));
}

// Which row a finding belongs to: its file by path, then its document by number (or, for
// findings without one, by line). Findings about nothing shown (blank documents) are dropped.
int ResourceModel::nodeForDiagnostic(const Core::Diagnostic &diagnostic) const
{
    const int f = m_workspace.fileIndex(diagnostic.subject.file);
    if (f < 0)
        return -1;
    if (m_workspace.files()[f].documents().empty()) {
        for (int id = 1; id < static_cast<int>(m_nodes.size()); ++id) {
            if (m_nodes[id].type == NodeType::UnreadableFile && m_nodes[id].file == f)
                return id;
        }
        return -1;
    }
    const Project::DocumentRef ref =
        diagnostic.documentNumber > 0
            ? Project::DocumentRef{f, diagnostic.documentNumber - 1}
            : m_workspace.documentAtLine(diagnostic.subject.file, diagnostic.subject.position.line);
    return ref.isValid() ? m_resourceNodes.value(refKey(ref), -1) : -1;
}

void ResourceModel::applyDiagnostics(bool announce)
{
    std::vector<std::array<int, 3>> before;
    before.reserve(m_nodes.size());
    for (Node &node : m_nodes) {
        before.push_back(node.counts);
        node.counts = {};
    }
    for (const Core::Diagnostic &diagnostic : std::as_const(m_diagnostics)) {
        const int level = static_cast<int>(diagnostic.level);
        for (int id = nodeForDiagnostic(diagnostic); id > 0; id = m_nodes[id].parent)
            ++m_nodes[id].counts[level];
    }
    if (!announce)
        return;
    const QList<int> roles{Qt::DecorationRole, Qt::ToolTipRole, BadgeLevelRole,
                           DiagnosticCountRole};
    for (int id = 1; id < static_cast<int>(m_nodes.size()); ++id) {
        if (m_nodes[id].counts != before[id]) {
            const QModelIndex index = indexOfNode(id);
            emit dataChanged(index, index, roles);
        }
    }
}

QModelIndex ResourceModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return indexOfNode(m_nodes[nodeOf(parent)].children[row]);
}

QModelIndex ResourceModel::parent(const QModelIndex &child) const
{
    const int id = nodeOf(child);
    return id > 0 ? indexOfNode(m_nodes[id].parent) : QModelIndex();
}

int ResourceModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(m_nodes[nodeOf(parent)].children.size());
}

int ResourceModel::columnCount(const QModelIndex &) const
{
    return COLUMN_COUNT;
}

QVariant ResourceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node &node = m_nodes[nodeOf(index)];
    const bool isResource = node.type == NodeType::Resource;
    const Project::Document *document = isResource ? &m_workspace.document(node.ref) : nullptr;
    const int badge = worstLevel(node.counts);
    switch (role) {
    case Qt::DisplayRole:
        return node.text;
    case Qt::DecorationRole:
        return badge < 0 ? QVariant() : QVariant(levelIcon(Core::Level(badge)));
    case Qt::ToolTipRole: {
        QStringList lines;
        if (node.file >= 0)
            lines << m_workspace.files().at(node.file).path();
        if (badge >= 0)
            lines << levelCountsText(node.counts);
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
    }
    case DocumentRefRole:
        return isResource ? QVariant::fromValue(node.ref) : QVariant();
    case NodeTypeRole:
        return static_cast<int>(node.type);
    case FilePathRole:
        return node.file >= 0 ? QVariant(m_workspace.files().at(node.file).path()) : QVariant();
    case NamespaceRole:
        switch (node.type) {
        case NodeType::Namespace:
            return node.text;
        case NodeType::Kind:
            return m_nodes[node.parent].text;
        case NodeType::Resource:
            return document->nameSpace();
        default:
            return {};
        }
    case KindRole:
        if (node.type == NodeType::Kind)
            return node.text;
        return isResource ? QVariant(document->kind()) : QVariant();
    case NameRole:
        return isResource ? QVariant(document->name()) : QVariant();
    case HostsRole:
        return isResource ? QVariant(hostsOf(document->resource())) : QVariant();
    case BadgeLevelRole:
        return badge;
    case DiagnosticCountRole:
        return node.counts[0] + node.counts[1] + node.counts[2];
    }
    return {};
}

QVariant ResourceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section == NameColumn)
        return tr("Resource");
    return {};
}
