// kubectl diff's unified output read into side-by-side rows per resource.

#include "kube/sidebysidediff.h"

#include <QTest>

using Kube::DiffRow;

namespace {

// What kubectl diff prints (diff -u -N, one file pair per resource): an existing Gateway with
// one host changed and one added, and a VirtualService the apply would create.
const QString TWO_RESOURCES = QStringLiteral(
    "diff -u -N /tmp/LIVE-2061/networking.istio.io.v1.Gateway.istio-system.edge "
    "/tmp/MERGED-3937/networking.istio.io.v1.Gateway.istio-system.edge\n"
    "--- /tmp/LIVE-2061/networking.istio.io.v1.Gateway.istio-system.edge\t2026-11-27 "
    "10:00:00.000000000 +0000\n"
    "+++ /tmp/MERGED-3937/networking.istio.io.v1.Gateway.istio-system.edge\t2026-11-27 "
    "10:00:00.000000000 +0000\n"
    "@@ -5,6 +5,7 @@\n"
    " spec:\n"
    "   servers:\n"
    "   - hosts:\n"
    "-    - old.example.com\n"
    "+    - new.example.com\n"
    "+    - extra.example.com\n"
    "     port:\n"
    "       number: 80\n"
    "@@ -20,2 +21,1 @@\n"
    " status: {}\n"
    "-gone: true\n"
    "diff -u -N /tmp/LIVE-2061/networking.istio.io.v1.VirtualService.bookinfo.reviews.v2 "
    "/tmp/MERGED-3937/networking.istio.io.v1.VirtualService.bookinfo.reviews.v2\n"
    "--- /tmp/LIVE-2061/networking.istio.io.v1.VirtualService.bookinfo.reviews.v2\t2026-11-27\n"
    "+++ /tmp/MERGED-3937/networking.istio.io.v1.VirtualService.bookinfo.reviews.v2\t2026-11-27\n"
    "@@ -0,0 +1,2 @@\n"
    "+apiVersion: networking.istio.io/v1\n"
    "+kind: VirtualService\n");

} // namespace

class TestSideBySideDiff : public QObject {
    Q_OBJECT

private slots:
    void twoResources();
    void labels_data();
    void labels();
    void notUnifiedDiff_data();
    void notUnifiedDiff();
};

void TestSideBySideDiff::twoResources()
{
    QString error;
    const auto diffs = Kube::parseUnifiedDiff(TWO_RESOURCES, &error);
    QVERIFY2(diffs, qPrintable(error));
    QCOMPARE(diffs->size(), 2);

    const Kube::ResourceDiff &gateway = diffs->at(0);
    QCOMPARE(gateway.label, QStringLiteral("Gateway istio-system/edge"));
    QCOMPARE(gateway.addedLines, 2);
    QCOMPARE(gateway.removedLines, 2);
    QVERIFY(!gateway.creates());
    // A gap for lines 1-4, three context lines, the replacement paired with its first added
    // line, the extra added line alone, two context lines, a gap, context, a removal.
    const QList<DiffRow::Change> changes{
        DiffRow::Change::Skipped, DiffRow::Change::Same,    DiffRow::Change::Same,
        DiffRow::Change::Same,    DiffRow::Change::Changed, DiffRow::Change::Added,
        DiffRow::Change::Same,    DiffRow::Change::Same,    DiffRow::Change::Skipped,
        DiffRow::Change::Same,    DiffRow::Change::Removed};
    QCOMPARE(gateway.rows.size(), changes.size());
    for (qsizetype i = 0; i < changes.size(); ++i)
        QVERIFY2(gateway.rows.at(i).change == changes.at(i), qPrintable(QString::number(i)));
    const DiffRow &changed = gateway.rows.at(4);
    QCOMPARE(changed.live, QStringLiteral("    - old.example.com"));
    QCOMPARE(changed.proposed, QStringLiteral("    - new.example.com"));
    QCOMPARE(changed.liveLine, 8);
    QCOMPARE(changed.proposedLine, 8);
    const DiffRow &added = gateway.rows.at(5);
    QCOMPARE(added.liveLine, 0);
    QCOMPARE(added.proposedLine, 9);
    QCOMPARE(gateway.rows.at(6).liveLine, 9); // the live side resumes after the replacement
    QCOMPARE(gateway.rows.at(6).proposedLine, 10);
    QCOMPARE(gateway.rows.last().live, QStringLiteral("gone: true"));
    QCOMPARE(gateway.rows.last().liveLine, 21);

    const Kube::ResourceDiff &created = diffs->at(1);
    QCOMPARE(created.label, QStringLiteral("VirtualService bookinfo/reviews.v2"));
    QVERIFY(created.creates());
    QCOMPARE(created.rows.size(), 2);
    QCOMPARE(created.rows.at(1).proposed, QStringLiteral("kind: VirtualService"));
}

void TestSideBySideDiff::labels_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("label");
    QTest::newRow("istio kind") << "/tmp/LIVE-1/networking.istio.io.v1beta1.DestinationRule.a.b"
                                << "DestinationRule a/b";
    QTest::newRow("core group") << "/tmp/MERGED-1/v1.Secret.istio-system.edge-cert"
                                << "Secret istio-system/edge-cert";
    QTest::newRow("not kubectl's naming") << "/tmp/other/file.yaml"
                                          << "file.yaml";
}

void TestSideBySideDiff::labels()
{
    QFETCH(QString, path);
    QFETCH(QString, label);
    QCOMPARE(Kube::resourceLabel(path), label);
}

void TestSideBySideDiff::notUnifiedDiff_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("error");
    QTest::newRow("another diff program")
        << "spec.servers.0.hosts.0\n  ± value change\n"
        << "line 1: \"spec.servers.0.hosts.0\" is not part of a unified diff";
    QTest::newRow("a hunk cut short") << "--- a\n+++ b\n@@ -1,3 +1,3 @@\n same\n+new\nnot a line\n"
                                      << "line 6: the hunk ends before its counted lines";
    QTest::newRow("--- without +++") << "--- a\n@@ -1 +1 @@\n"
                                     << "line 1: a \"---\" line without its \"+++\" line";
}

void TestSideBySideDiff::notUnifiedDiff()
{
    QFETCH(QString, output);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!Kube::parseUnifiedDiff(output, &message));
    QCOMPARE(message, error);
}

QTEST_GUILESS_MAIN(TestSideBySideDiff)
#include "tst_sidebysidediff.moc"
