#pragma once

#include "routetest/routetestfile.h"
#include "topology/graph.h"
#include "workspace/workspace.h"

#include <QDockWidget>
#include <QHash>
#include <QTimer>
#include <functional>

class QComboBox;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;
class RouteTestModel;

// The Route Tests dock: a route test file (shared/docs/route-tests.md) run through the pure
// decision against the design open in the workspace, edits included, so a test turns red as soon
// as an edit breaks it (re-run RERUN_DELAY_MS after the last change). Live runs stay with
// `gatehouse test --live`: LiveRunner blocks its thread on sockets, which the GUI thread must not.
// The dock only wires things together; running and writing tests is gateway/routetest's.
class RouteTestsDock : public QDockWidget {
    Q_OBJECT

public:
    explicit RouteTestsDock(const Project::Workspace &workspace, QWidget *parent = nullptr);

    static constexpr int RERUN_DELAY_MS = 300;
    enum class Filter { All, Passed, Failed };

    // Opens `path` (remembered among the recent files) and runs it. False when it cannot be
    // read; the rows then say why.
    bool open(const QString &path);
    const QString &filePath() const { return m_path; }
    void run();
    void setFilter(Filter filter);

    // Appends `test` (its name made unique in the file) to the open file; with none open, asks
    // for one (a new file gets a `config:` list of the workspace's files). Then runs the file.
    // False, with the reason in statusText(), when nothing was written.
    bool addTest(const RouteTest::TestCase &test);
    bool addTestTo(const QString &path, const RouteTest::TestCase &test, QString *error);
    // Where addTest() asks for a file (a save dialog by default; tests replace it).
    void setFileChooser(std::function<QString()> chooser) { m_chooseFile = std::move(chooser); }

    RouteTestModel &model() { return *m_model; }
    QSortFilterProxyModel &filteredModel() { return *m_filter; }
    QString statusText() const;
    QStringList recentFiles() const;

signals:
    void ran(); // the rows show the latest run
    // After each run: "ns/name http[2]" → the tests that reached that route.
    void coverageChanged(const QHash<QString, QStringList> &testsByRoute);
    // A row was double-clicked: the VirtualService of the route its test reached.
    void resourceActivated(const Topology::SourceResource &resource);

private:
    void handleOpen();
    void rebuildRecentMenu();
    void activateRow(const QModelIndex &index);

    const Project::Workspace &m_workspace;
    QString m_path;
    RouteTestModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_table;
    QToolButton *m_open;
    QMenu *m_recentMenu;
    QToolButton *m_run;
    QComboBox *m_filterBox;
    QLabel *m_status;
    QTimer m_rerun;
    std::function<QString()> m_chooseFile;
};
