#include "screenshottour.h"

#include "editortabs.h"
#include "mainwindow.h"
#include "proxycontroller.h"
#include "requesttester.h"
#include "resourceeditor.h"
#include "topologyview.h"

#include <QDir>
#include <QDockWidget>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

namespace {

// Long enough for layouts and the proxy's access log (batched every 50 ms) to settle.
constexpr int SETTLE_MS = 400;

struct Tour {
    MainWindow &window;
    QDir folder;
    QStringList written;
    QString error;

    bool shoot(const QString &name)
    {
        const QString path = folder.filePath(name);
        if (!window.grab().save(path)) {
            error = QStringLiteral("could not write %1").arg(path);
            return false;
        }
        written << path;
        return true;
    }

    void raiseDock(const char *name)
    {
        if (auto *dock = window.findChild<QDockWidget *>(QLatin1String(name))) {
            dock->show();
            dock->raise();
        }
    }
};

void later(const std::function<void()> &step)
{
    QTimer::singleShot(SETTLE_MS, step);
}

// Picks a resource in the tree by name, as a user would; it opens in a tab of its own.
ResourceEditor *openResource(MainWindow &window, const QString &name)
{
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("resourceTree"));
    const QModelIndexList found =
        tree->model()->match(tree->model()->index(0, 0), Qt::DisplayRole, name, 1,
                             Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchWrap);
    if (found.isEmpty())
        return nullptr;
    tree->setCurrentIndex(found.first());
    return window.findChild<EditorTabs *>(QStringLiteral("centralTabs"))->currentEditor();
}

} // namespace

void runScreenshotTour(MainWindow &window, const QString &folder,
                       std::function<void(const QStringList &, const QString &)> done)
{
    if (!QDir().mkpath(folder)) {
        done({}, QStringLiteral("could not create %1").arg(folder));
        return;
    }
    auto tour = std::make_shared<Tour>(Tour{window, QDir(folder), {}, {}});
    const auto finish = [tour, done] {
        done(tour->error.isEmpty() ? tour->written : QStringList(), tour->error);
    };
    window.resize(1400, 900);
    window.findChild<QTabWidget *>(QStringLiteral("centralTabs"))->setCurrentIndex(0);
    tour->raiseDock("problemsDock");
    later([tour, finish, &window] {
        window.findChild<TopologyView *>(QStringLiteral("topologyView"))->fitToView();
        if (!tour->shoot(QStringLiteral("topology.png")))
            return finish();
        // The Gateway's form, then a VirtualService's form and its YAML.
        openResource(window, QStringLiteral("my-gateway"));
        later([tour, finish, &window] {
            if (!tour->shoot(QStringLiteral("gateway-form.png")))
                return finish();
            ResourceEditor *editor = openResource(window, QStringLiteral("bookinfo-rule"));
            later([tour, finish, &window, editor] {
                if (!tour->shoot(QStringLiteral("virtualservice-form.png")))
                    return finish();
                if (editor)
                    editor->showYaml();
                later([tour, finish, &window] {
                    if (!tour->shoot(QStringLiteral("yaml.png")))
                        return finish();
                    // The proxy on free ports, a request through it.
                    Environment::LocalEnvironment environment;
                    for (quint32 port : {80u, 443u, 9443u, 9080u, 2379u})
                        environment.overridePort(port, 0);
                    window.proxy().setEnvironment(environment);
                    window.proxy().start({});
                    tour->raiseDock("requestTesterDock");
                    window.requestTester().setRequest(
                        QStringLiteral("GET"), QStringLiteral("https://uk.bookinfo.com/reviews/7"),
                        QStringLiteral("end-user: jason"));
                    window.requestTester().send();
                    later([tour, finish, &window] {
                        if (!tour->shoot(QStringLiteral("request-tester.png")))
                            return finish();
                        tour->raiseDock("trafficDock");
                        later([tour, finish, &window] {
                            tour->shoot(QStringLiteral("traffic.png"));
                            window.proxy().stop();
                            finish();
                        });
                    });
                });
            });
        });
    });
}
