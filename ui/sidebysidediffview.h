#pragma once

#include "kube/sidebysidediff.h"

#include <QWidget>

class QListWidget;
class QPlainTextEdit;
class QStackedWidget;
class QTableWidget;

// What `kubectl diff` says an apply would change, side by side: the resources on the left (with
// their added and removed line counts), the live object and the proposed one in two columns.
// Output that is not a unified diff (another KUBECTL_EXTERNAL_DIFF) is shown as text.
class SideBySideDiffView : public QWidget {
    Q_OBJECT

public:
    explicit SideBySideDiffView(QWidget *parent = nullptr);

    void setDiff(const QString &kubectlOutput);
    void clear();
    int resourceCount() const;

private:
    void showResource(int index);

    QStackedWidget *m_pages = nullptr;
    QListWidget *m_resources = nullptr;
    QTableWidget *m_rows = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QList<Kube::ResourceDiff> m_diffs;
};
