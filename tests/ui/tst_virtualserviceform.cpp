// The VirtualService form: it shows a loaded resource, each edit emits the whole resource with
// only that field changed (fields the form does not show included), keystrokes in one field
// share a merge key, weights show their split live, routes reorder by drag and drop, switching
// the action restores the old one on the way back, load() leaves the field being typed in
// alone, and diagnostics' field paths land on the right widget.

#include "forms/destinationtable.h"
#include "forms/httproutelistmodel.h"
#include "forms/stringmatchedit.h"
#include "forms/virtualserviceform.h"
#include "testsupport.h"

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <cmath>
#include <functional>

namespace {

Istio::VirtualService shop()
{
    const Project::SourceFile file = TestSupport::parseText(TestSupport::readFile(
        TestSupport::dataPath(QStringLiteral("forms/shop-virtualservice.yaml"))));
    const auto *vs = std::get_if<Istio::VirtualService>(&file.documents().at(0).resource());
    if (!vs)
        qFatal("the test VirtualService does not parse");
    return *vs;
}

Istio::VirtualService lastEdit(const QSignalSpy &spy)
{
    return std::get<Istio::VirtualService>(spy.last().at(0).value<Istio::Resource>());
}

struct Fixture {
    VirtualServiceForm form;
    QSignalSpy spy{&form, &ResourceForm::edited};

    Fixture()
    {
        FormContext context;
        context.gateways = {QStringLiteral("web/edge"), QStringLiteral("web/internal")};
        context.hosts = {QStringLiteral("api"), QStringLiteral("web")};
        context.subsets.insert(QStringLiteral("api"), {QStringLiteral("v1"), QStringLiteral("v2")});
        form.setContext(context);
        form.load(shop());
        form.resize(1200, 900);
        form.show();
        QApplication::setActiveWindow(&form);
        // Every test's loads, reorders, additions and removals go past the model checker.
        modelTester = std::make_unique<QAbstractItemModelTester>(
            routeList()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    std::unique_ptr<QAbstractItemModelTester> modelTester;

    template <class W> W *find(const QString &name) const { return form.findChild<W *>(name); }
    QListView *routeList() const { return find<QListView>(QStringLiteral("httpRouteList")); }
    void select(int route) { routeList()->setCurrentIndex(routeList()->model()->index(route, 0)); }
    QLineEdit *editIn(const QString &name) const
    {
        auto *widget = find<QWidget>(name);
        if (auto *edit = qobject_cast<QLineEdit *>(widget))
            return edit;
        return widget ? widget->findChild<QLineEdit *>() : nullptr;
    }
    // The widgets of a table column ("weightSlider", "destinationPort") in row order.
    template <class W> QList<W *> column(const QString &name) const
    {
        auto *table = find<QTableWidget>(QStringLiteral("destinationTable"));
        QList<W *> result;
        for (int row = 0; row < table->rowCount(); ++row) {
            for (int col = 0; col < table->columnCount(); ++col) {
                QWidget *cell = table->cellWidget(row, col);
                if (!cell)
                    continue;
                if (cell->objectName() == name)
                    result << qobject_cast<W *>(cell);
                else if (auto *child = cell->findChild<W *>(name))
                    result << child;
            }
        }
        return result;
    }
};

struct EditCase {
    const char *name;
    std::function<void(Fixture &)> act;
    std::function<void(Istio::VirtualService &)> expect;
    QString mergeKey;
};

const std::vector<EditCase> &editCases()
{
    static const std::vector<EditCase> cases = {
        {"hosts",
         [](Fixture &f) {
             f.form.focusField(QStringLiteral("spec.hosts"));
             QTest::keyClicks(f.editIn(QStringLiteral("hosts")),
                              QStringLiteral(", www.example.com"));
         },
         [](Istio::VirtualService &vs) {
             vs.spec.hosts.push_back(QStringLiteral("www.example.com"));
         },
         QStringLiteral("hosts")},
        {"exportTo",
         [](Fixture &f) {
             QLineEdit *edit = f.editIn(QStringLiteral("exportTo"));
             edit->selectAll();
             QTest::keyClicks(edit, QStringLiteral("*"));
         },
         [](Istio::VirtualService &vs) { vs.spec.exportTo = {QStringLiteral("*")}; },
         QStringLiteral("exportTo")},
        {"route name",
         [](Fixture &f) {
             f.form.focusField(QStringLiteral("spec.http[0].name"));
             QTest::keyClicks(f.editIn(QStringLiteral("routeName")), QStringLiteral("-v2"));
         },
         [](Istio::VirtualService &vs) { vs.spec.http[0].name = QStringLiteral("api-v2"); },
         QStringLiteral("http[0].name")},
        {"uri match value",
         [](Fixture &f) {
             f.form.focusField(QStringLiteral("spec.http[0].match[0].uri"));
             QTest::keyClicks(f.editIn(QStringLiteral("matchUri")), QStringLiteral("/v1"));
         },
         [](Istio::VirtualService &vs) { vs.spec.http[0].match[0].uri->prefix = "/api/v1"; },
         QStringLiteral("http[0].match[0].uri")},
        {"timeout",
         [](Fixture &f) {
             f.form.focusField(QStringLiteral("spec.http[0].timeout"));
             QLineEdit *edit = f.editIn(QStringLiteral("timeout"));
             edit->selectAll();
             QTest::keyClicks(edit, QStringLiteral("10s"));
         },
         [](Istio::VirtualService &vs) { vs.spec.http[0].timeout = Istio::Duration::parse("10s"); },
         QStringLiteral("http[0].timeout")},
        {"retry attempts",
         [](Fixture &f) { f.find<QSpinBox>(QStringLiteral("retryAttempts"))->setValue(5); },
         [](Istio::VirtualService &vs) { vs.spec.http[0].retries->attempts = 5; },
         QStringLiteral("http[0].retries.attempts")},
        {"per-try timeout changes only itself",
         [](Fixture &f) {
             f.form.focusField(QStringLiteral("spec.http[0].retries.perTryTimeout"));
             QLineEdit *edit = f.editIn(QStringLiteral("retryPerTryTimeout"));
             edit->selectAll();
             QTest::keyClicks(edit, QStringLiteral("3s"));
         },
         [](Istio::VirtualService &vs) {
             vs.spec.http[0].retries->perTryTimeout = Istio::Duration::parse("3s");
         },
         QStringLiteral("http[0].retries.perTryTimeout")},
        {"cors methods",
         [](Fixture &f) {
             f.form.focusField(QStringLiteral("spec.http[0].corsPolicy.allowMethods"));
             QTest::keyClicks(f.editIn(QStringLiteral("corsAllowMethods")),
                              QStringLiteral(", POST"));
         },
         [](Istio::VirtualService &vs) {
             vs.spec.http[0].corsPolicy->allowMethods.push_back(QStringLiteral("POST"));
         },
         QStringLiteral("http[0].corsPolicy.allowMethods")},
        {"destination port keeps per-destination headers",
         [](Fixture &f) {
             f.column<QSpinBox>(QStringLiteral("destinationPort"))[0]->setValue(9090);
         },
         [](Istio::VirtualService &vs) {
             vs.spec.http[0].route[0].destination->port->number = 9090;
         },
         QStringLiteral("http[0].route[0].destination.port")},
        {"redirect code",
         [](Fixture &f) {
             f.select(1);
             f.find<QSpinBox>(QStringLiteral("redirectCode"))->setValue(307);
         },
         [](Istio::VirtualService &vs) { vs.spec.http[1].redirect->redirectCode = 307; },
         QStringLiteral("http[1].redirect.redirectCode")},
        {"direct response status",
         [](Fixture &f) {
             f.select(2);
             f.find<QSpinBox>(QStringLiteral("directStatus"))->setValue(204);
         },
         [](Istio::VirtualService &vs) { vs.spec.http[2].directResponse->status = 204; },
         QStringLiteral("http[2].directResponse.status")},
        {"tcp match port",
         [](Fixture &f) { f.find<QSpinBox>(QStringLiteral("tcpMatchPort"))->setValue(9001); },
         [](Istio::VirtualService &vs) { vs.spec.tcp[0].match[0].port = 9001; },
         QStringLiteral("tcp[0].match[0].port")},
    };
    return cases;
}

} // namespace

class TestVirtualServiceForm : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loadShowsTheResource()
    {
        Fixture f;
        QCOMPARE(f.spy.count(), 0);
        QCOMPARE(f.editIn(QStringLiteral("hosts"))->text(), QStringLiteral("shop.example.com"));
        QCOMPARE(f.editIn(QStringLiteral("gateways"))->text(), QStringLiteral("web/edge"));
        QCOMPARE(f.find<QLabel>(QStringLiteral("metadataNamespace"))->text(),
                 QStringLiteral("web"));
        QAbstractItemModel *routes = f.routeList()->model();
        QCOMPARE(routes->rowCount(), 4);
        QVERIFY(routes->index(0, 0).data().toString().startsWith(QStringLiteral("api")));
        QVERIFY(routes->index(3, 0).data().toString().startsWith(QStringLiteral("http[3]")));
        QVERIFY(routes->index(1, 0)
                    .data(HttpRouteListModel::SummaryRole)
                    .toString()
                    .contains(QStringLiteral("redirect 302")));
        QCOMPARE(f.form.selectedRoute(), 0);
        QCOMPARE(f.editIn(QStringLiteral("routeName"))->text(), QStringLiteral("api"));
        QCOMPARE(f.editIn(QStringLiteral("matchUri"))->text(), QStringLiteral("/api"));
        QCOMPARE(f.editIn(QStringLiteral("timeout"))->text(), QStringLiteral("5s"));
        const auto percent = f.column<QLabel>(QStringLiteral("weightPercent"));
        QCOMPARE(percent.size(), 2);
        QCOMPARE(percent[0]->text(), QStringLiteral("80.0 %"));
        QCOMPARE(percent[1]->text(), QStringLiteral("20.0 %"));
        auto hosts = f.column<QComboBox>(QStringLiteral("destinationSubset"));
        QCOMPARE(hosts[1]->currentText(), QStringLiteral("v2"));
    }

    void editEmitsOnlyThatField_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(editCases().size()); ++i)
            QTest::newRow(editCases()[i].name) << i;
    }

    void editEmitsOnlyThatField()
    {
        QFETCH(int, index);
        const EditCase &edit = editCases()[index];
        Fixture f;
        edit.act(f);
        QVERIFY(f.spy.count() > 0);
        Istio::VirtualService expected = shop();
        edit.expect(expected);
        const Istio::VirtualService actual = lastEdit(f.spy);
        QVERIFY(actual.metadata == expected.metadata);
        for (std::size_t i = 0; i < expected.spec.http.size() && i < actual.spec.http.size(); ++i)
            QVERIFY2(actual.spec.http[i] == expected.spec.http[i], qPrintable(QString::number(i)));
        QVERIFY(actual == expected);
        QCOMPARE(f.spy.last().at(2).toString(), edit.mergeKey);
    }

    void typingInOneFieldKeepsOneMergeKey()
    {
        Fixture f;
        f.form.focusField(QStringLiteral("spec.http[0].name"));
        QTest::keyClicks(f.editIn(QStringLiteral("routeName")), QStringLiteral("abc"));
        QCOMPARE(f.spy.count(), 3);
        for (const auto &emission : f.spy) {
            QCOMPARE(emission.at(2).toString(), QStringLiteral("http[0].name"));
            QCOMPARE(emission.at(1).toString(), QStringLiteral("Edit route name"));
        }
        QCOMPARE(lastEdit(f.spy).spec.http[0].name, QStringLiteral("apiabc"));
    }

    void weightSliderUpdatesTheSplit()
    {
        Fixture f;
        const auto sliders = f.column<QSlider>(QStringLiteral("weightSlider"));
        QCOMPARE(sliders.size(), 2);
        sliders[0]->setValue(60);
        const auto percent = f.column<QLabel>(QStringLiteral("weightPercent"));
        QCOMPARE(percent[0]->text(), QStringLiteral("75.0 %"));
        QCOMPARE(percent[1]->text(), QStringLiteral("25.0 %"));
        QCOMPARE(f.spy.count(), 1);
        QCOMPARE(f.spy.last().at(2).toString(), QStringLiteral("http[0].route[0].weight"));
        Istio::VirtualService expected = shop();
        expected.spec.http[0].route[0].weight = 60;
        QVERIFY(lastEdit(f.spy) == expected);
    }

    void aSingleDestinationGetsEverything()
    {
        Fixture f;
        f.select(3);
        const auto percent = f.column<QLabel>(QStringLiteral("weightPercent"));
        QCOMPARE(percent.size(), 1);
        QCOMPARE(percent[0]->text(), QStringLiteral("100.0 %"));
    }

    void weightShares_data()
    {
        QTest::addColumn<QList<int>>("weights");    // -1: absent
        QTest::addColumn<QList<double>>("percent"); // -1: nothing is sent anywhere
        QTest::newRow("single, weight absent") << QList<int>{-1} << QList<double>{100};
        QTest::newRow("single, weight 0 ignored") << QList<int>{0} << QList<double>{100};
        QTest::newRow("80/20") << QList<int>{80, 20} << QList<double>{80, 20};
        QTest::newRow("relative, not summing to 100")
            << QList<int>{1, 1, 2} << QList<double>{25, 25, 50};
        QTest::newRow("weight 0 drops one") << QList<int>{3, 0} << QList<double>{100, 0};
        QTest::newRow("all absent among several") << QList<int>{-1, -1} << QList<double>{-1, -1};
    }

    void weightShares()
    {
        QFETCH(QList<int>, weights);
        QFETCH(QList<double>, percent);
        std::vector<DestinationTable::Row> rows;
        for (int weight : weights)
            rows.push_back({{}, weight < 0 ? std::nullopt : std::optional<qint32>(weight)});
        const std::vector<double> shares = DestinationTable::shares(rows);
        QCOMPARE(int(shares.size()), percent.size());
        for (int i = 0; i < percent.size(); ++i) {
            if (percent[i] < 0)
                QVERIFY(std::isnan(shares[i]));
            else
                QCOMPARE(shares[i], percent[i]);
        }
    }

    void badInputIsFlaggedButStillReported_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("typed");
        QTest::newRow("host with an underscore") << "hosts"
                                                 << "bad_host.example.com";
        QTest::newRow("gateway ./name") << "gateways"
                                        << "./edge";
    }

    void badInputIsFlaggedButStillReported()
    {
        QFETCH(QString, field);
        QFETCH(QString, typed);
        Fixture f;
        QLineEdit *edit = f.editIn(field);
        edit->selectAll();
        QTest::keyClicks(edit, typed);
        QVERIFY(!edit->styleSheet().isEmpty());
        QVERIFY(edit->toolTip().contains(QStringLiteral("\n\n")));
        const Istio::VirtualService last = lastEdit(f.spy);
        const Istio::StringList &values =
            field == QLatin1String("hosts") ? last.spec.hosts : last.spec.gateways;
        QCOMPARE(values, Istio::StringList{typed});
    }

    void regexIsCheckedAsTyped()
    {
        QVERIFY(StringMatchEdit::regexProblem(QStringLiteral("/v[0-9]+/.*")).isEmpty());
        QVERIFY(!StringMatchEdit::regexProblem(QStringLiteral("/v[0-9")).isEmpty());
        QVERIFY(!StringMatchEdit::regexProblem(QString()).isEmpty());
        QVERIFY(!StringMatchEdit::regexProblem(QString(1025, QLatin1Char('a'))).isEmpty());
        QVERIFY(StringMatchEdit::regexProblem(QStringLiteral("(")).contains(QStringLiteral("RE2")));
    }

    void checkingAGroupAddsTheBlock()
    {
        Fixture f;
        auto *fault = f.find<QGroupBox>(QStringLiteral("faultGroup"));
        QVERIFY(!fault->isChecked());
        fault->setChecked(true);
        emit fault->clicked(true);
        Istio::VirtualService expected = shop();
        expected.spec.http[0].fault = Istio::HTTPFaultInjection{};
        QVERIFY(lastEdit(f.spy) == expected);
        f.form.load(Istio::Resource(lastEdit(f.spy)));
        f.find<QSpinBox>(QStringLiteral("faultAbortStatus"))->setValue(503);
        expected.spec.http[0].fault->abort = Istio::FaultAbort{};
        expected.spec.http[0].fault->abort->httpStatus = 503;
        QVERIFY(lastEdit(f.spy) == expected);
        QCOMPARE(f.spy.last().at(2).toString(), QStringLiteral("http[0].fault.abort.httpStatus"));

        auto *cors = f.find<QGroupBox>(QStringLiteral("corsGroup"));
        QVERIFY(cors->isChecked());
        cors->setChecked(false);
        emit cors->clicked(false);
        expected.spec.http[0].corsPolicy.reset();
        QVERIFY(lastEdit(f.spy) == expected);
    }

    void dragReordersRoutes_data()
    {
        QTest::addColumn<bool>("throughMimeData");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<QList<int>>("order");
        QTest::newRow("drop first before the catch-all")
            << true << 0 << 3 << QList<int>{1, 2, 0, 3};
        QTest::newRow("drop last at the top") << true << 3 << 0 << QList<int>{3, 0, 1, 2};
        QTest::newRow("drop past the end") << true << 1 << -1 << QList<int>{0, 2, 3, 1};
        QTest::newRow("view's moveRow down") << false << 0 << 2 << QList<int>{1, 0, 2, 3};
        QTest::newRow("view's moveRow up") << false << 2 << 0 << QList<int>{2, 0, 1, 3};
    }

    void dragReordersRoutes()
    {
        QFETCH(bool, throughMimeData);
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(QList<int>, order);
        Fixture f;
        QAbstractItemModel *model = f.routeList()->model();
        if (throughMimeData) {
            // What QAbstractItemView does with a drop: the dragged rows' MIME data, dropped
            // between rows of the same view.
            std::unique_ptr<QMimeData> data(model->mimeData({model->index(from, 0)}));
            QVERIFY(model->canDropMimeData(data.get(), Qt::MoveAction, to, 0, {}));
            QVERIFY(model->dropMimeData(data.get(), Qt::MoveAction, to, 0, {}));
        } else {
            // What QListView's internal move does: moveRow(source, before-row).
            QVERIFY(model->moveRow({}, from, {}, to));
        }
        QCOMPARE(f.spy.count(), 1);
        const Istio::VirtualService original = shop();
        Istio::VirtualService expected = original;
        expected.spec.http.clear();
        for (int index : order)
            expected.spec.http.push_back(original.spec.http[index]);
        QVERIFY(lastEdit(f.spy) == expected);
        QCOMPARE(f.spy.last().at(1).toString(), QStringLiteral("Reorder HTTP routes"));
        f.form.load(Istio::Resource(lastEdit(f.spy)));
        QCOMPARE(f.spy.count(), 1);
        QVERIFY(model->index(order.indexOf(0), 0).data().toString().startsWith("api"));
    }

    void addDuplicateAndRemoveRoutes()
    {
        Fixture f;
        f.select(1);
        f.find<QToolButton>(QStringLiteral("duplicateHttpRoute"))->click();
        Istio::VirtualService expected = shop();
        Istio::HTTPRoute copy = expected.spec.http[1];
        copy.name = QStringLiteral("old-copy");
        expected.spec.http.insert(expected.spec.http.begin() + 2, copy);
        QVERIFY(lastEdit(f.spy) == expected);
        QCOMPARE(f.form.selectedRoute(), 2);
        f.form.load(Istio::Resource(lastEdit(f.spy)));
        QCOMPARE(f.form.selectedRoute(), 2);

        f.find<QToolButton>(QStringLiteral("removeHttpRoute"))->click();
        QVERIFY(lastEdit(f.spy) == shop());
        f.form.load(Istio::Resource(lastEdit(f.spy)));

        f.find<QToolButton>(QStringLiteral("addHttpRoute"))->click();
        const Istio::VirtualService added = lastEdit(f.spy);
        QCOMPARE(added.spec.http.size(), std::size_t(5));
        QCOMPARE(added.spec.http[4].route.size(), std::size_t(1));
        QCOMPARE(added.spec.http[4].route[0].destination->host, QStringLiteral("api"));
        QCOMPARE(f.form.selectedRoute(), 4);
        QCOMPARE(f.spy.count(), 3);
        QCOMPARE(f.spy.last().at(2).toString(), QString()); // structural edits never merge
    }

    void headerMatchAndSniHostsEdits()
    {
        Fixture f;
        f.form.focusField(QStringLiteral("spec.http[0].match[0].headers"));
        auto *headers =
            f.find<QWidget>(QStringLiteral("matchHeaders"))->findChild<QTableWidget *>();
        QCOMPARE(headers->rowCount(), 1);
        headers->item(0, 2)->setText(QStringLiteral("2"));
        Istio::VirtualService expected = shop();
        expected.spec.http[0].match[0].headers.set(QStringLiteral("x-canary"),
                                                   Istio::StringMatch{QStringLiteral("2"), {}, {}});
        QVERIFY(lastEdit(f.spy) == expected);
        QCOMPARE(f.spy.last().at(2).toString(), QStringLiteral("http[0].match[0].headers"));

        f.form.load(Istio::Resource(shop()));
        QVERIFY(f.form.focusField(QStringLiteral("spec.tls[0].match[0].sniHosts")));
        QTest::keyClicks(f.editIn(QStringLiteral("tlsSniHosts")),
                         QStringLiteral(" *.shop.example.com"));
        expected = shop();
        expected.spec.tls[0].match[0].sniHosts.push_back(QStringLiteral("*.shop.example.com"));
        QVERIFY(lastEdit(f.spy) == expected);
        QCOMPARE(f.spy.last().at(2).toString(), QStringLiteral("tls[0].match[0].sniHosts"));
    }

    void switchingActionRestoresTheOldOne()
    {
        Fixture f;
        auto *kind = f.find<QComboBox>(QStringLiteral("actionKind"));
        kind->setCurrentIndex(1);
        emit kind->activated(1);
        QCOMPARE(f.spy.count(), 1);
        Istio::VirtualService redirected = lastEdit(f.spy);
        QVERIFY(redirected.spec.http[0].route.empty());
        QVERIFY(redirected.spec.http[0].redirect.has_value());
        QVERIFY(!redirected.spec.http[0].directResponse);
        f.form.load(Istio::Resource(redirected)); // the owner's round trip
        QCOMPARE(f.spy.count(), 1);

        f.editIn(QStringLiteral("redirectUri"))->setFocus();
        QTest::keyClicks(f.editIn(QStringLiteral("redirectUri")), QStringLiteral("/x"));
        QCOMPARE(*lastEdit(f.spy).spec.http[0].redirect->uri, QStringLiteral("/x"));
        f.form.load(Istio::Resource(lastEdit(f.spy)));

        kind->setCurrentIndex(0);
        emit kind->activated(0);
        QVERIFY(lastEdit(f.spy) == shop());
        f.form.load(Istio::Resource(lastEdit(f.spy)));
        // ... and the redirect typed meanwhile comes back too while the route is shown.
        kind->setCurrentIndex(1);
        emit kind->activated(1);
        QCOMPARE(*lastEdit(f.spy).spec.http[0].redirect->uri, QStringLiteral("/x"));
    }

    void loadKeepsTheCursorOfTheFieldBeingTyped()
    {
        Fixture f;
        f.form.focusField(QStringLiteral("spec.http[0].name"));
        QLineEdit *name = f.editIn(QStringLiteral("routeName"));
        QTest::keyClicks(name, QStringLiteral("x"));
        name->setCursorPosition(1);
        Istio::VirtualService changed = lastEdit(f.spy);
        changed.spec.http[0].timeout = Istio::Duration::parse(QStringLiteral("7s"));
        const int emitted = f.spy.count();
        f.form.load(Istio::Resource(changed));
        QCOMPARE(f.spy.count(), emitted);
        QCOMPARE(name->text(), QStringLiteral("apix"));
        QCOMPARE(name->cursorPosition(), 1);
        QCOMPARE(f.editIn(QStringLiteral("timeout"))->text(), QStringLiteral("7s"));
    }

    void badgesComeFromTheContext()
    {
        Fixture f;
        FormContext context;
        context.routeHits = QHash<QString, quint64>{{QStringLiteral("web/shop http[0]"), 12}};
        context.routeCoverage =
            QHash<QString, QStringList>{{QStringLiteral("web/shop http[1]"), {"a", "b"}}};
        f.form.setContext(context);
        QAbstractItemModel *model = f.routeList()->model();
        const QString first = model->index(0, 0).data(HttpRouteListModel::BadgesRole).toString();
        const QString second = model->index(1, 0).data(HttpRouteListModel::BadgesRole).toString();
        QVERIFY2(first.contains(QStringLiteral("12 hits")), qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("untested")), qPrintable(first));
        QVERIFY2(second.contains(QStringLiteral("never hit")), qPrintable(second));
        QVERIFY2(second.contains(QStringLiteral("tested by 2 tests")), qPrintable(second));
    }

    void findingsMarkTheirRoute()
    {
        Fixture f;
        f.form.setFieldFindings({{QStringLiteral("spec.http[1].redirect.redirectCode"),
                                  QStringLiteral("only 301, 302, 303, 307 and 308 are produced")},
                                 {QStringLiteral("spec.hosts[0]"), QStringLiteral("a host")}});
        QAbstractItemModel *model = f.routeList()->model();
        QVERIFY(model->index(0, 0).data(HttpRouteListModel::FindingsRole).toStringList().isEmpty());
        QCOMPARE(model->index(1, 0).data(HttpRouteListModel::FindingsRole).toStringList().size(),
                 1);
        QVERIFY(
            model->index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("308")));
        auto *label = f.find<QLabel>(QStringLiteral("fieldFindings"));
        QVERIFY(label->isVisible());
        QVERIFY(label->text().contains(QStringLiteral("spec.hosts[0]")));
        f.form.setFieldFindings({});
        QVERIFY(!label->isVisible());
        QVERIFY(model->index(1, 0).data(HttpRouteListModel::FindingsRole).toStringList().isEmpty());
        QCOMPARE(f.spy.count(), 0);
    }

    void focusFieldSelectsTheRoute_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("route");
        QTest::addColumn<QString>("widget");
        // route -1: not a route path, the selection stays where it was.
        QTest::newRow("hosts") << "spec.hosts[0]" << -1 << "hosts";
        QTest::newRow("gateways") << "spec.gateways" << -1 << "gateways";
        QTest::newRow("redirect uri") << "spec.http[1].redirect.uri" << 1 << "redirectUri";
        QTest::newRow("direct status")
            << "spec.http[2].directResponse.status" << 2 << "directStatus";
        QTest::newRow("weight") << "spec.http[0].route[1].weight" << 0 << "weightSlider";
        QTest::newRow("second match block") << "spec.http[0].match[1].uri" << 0 << "matchUri";
        QTest::newRow("timeout") << "spec.http[3].timeout" << 3 << "timeout";
        QTest::newRow("sni hosts") << "spec.tls[0].match[0].sniHosts" << -1 << "tlsSniHosts";
    }

    void focusFieldSelectsTheRoute()
    {
        QFETCH(QString, path);
        QFETCH(int, route);
        QFETCH(QString, widget);
        Fixture f;
        QVERIFY(QTest::qWaitForWindowActive(&f.form));
        const int start = route < 0 ? 2 : 3 - route; // start elsewhere
        f.select(start);
        QVERIFY(f.form.focusField(path));
        QCOMPARE(f.form.selectedRoute(), route < 0 ? start : route);
        QWidget *focused = QApplication::focusWidget();
        QVERIFY(focused);
        bool found = false;
        for (QWidget *w = focused; w && !found; w = w->parentWidget())
            found = w->objectName() == widget;
        QVERIFY2(found, qPrintable(focused->objectName()));
        QVERIFY(!f.form.focusField(QStringLiteral("spec.http[9].timeout")));
        QCOMPARE(f.spy.count(), 0);
    }
};

QTEST_MAIN(TestVirtualServiceForm)
#include "tst_virtualserviceform.moc"
