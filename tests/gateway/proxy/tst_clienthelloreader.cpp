#include <QTest>

// Placeholder until the ClientHello reader's tests land.
class TestClientHelloReader : public QObject {
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(TestClientHelloReader)
#include "tst_clienthelloreader.moc"
