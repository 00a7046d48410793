#pragma once

#include "model/virtualservice.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QSpinBox;
class QTabBar;
class StringMatchEdit;
class StringMatchTable;

// The match blocks of one http route: a tab per block (blocks are ORed, conditions inside a
// block ANDed) and one editor for the selected block. Fields it does not show (sourceLabels,
// gateways, sourceNamespace, statPrefix) are kept as they are.
class HttpMatchEditor : public QWidget {
    Q_OBJECT

public:
    explicit HttpMatchEditor(QWidget *parent = nullptr);

    // Updates in place (keeps the selected block when it still exists); emits nothing.
    void setMatches(const std::vector<Istio::HTTPMatchRequest> &matches);
    const std::vector<Istio::HTTPMatchRequest> &matches() const { return m_matches; }
    // Selects block `block` and focuses `field` ("uri", "headers", ...); false if unknown.
    bool focusField(int block, const QString &field);

signals:
    // `keySuffix` names the field, for example "match[0].uri"; "match" for added/removed blocks.
    void matchesEdited(const QString &description, const QString &keySuffix);

private:
    void showBlock();
    void edit(const QString &field, const QString &description);

    std::vector<Istio::HTTPMatchRequest> m_matches;
    QTabBar *m_tabs;
    QWidget *m_block;
    QLineEdit *m_name;
    StringMatchEdit *m_uri;
    StringMatchEdit *m_method;
    StringMatchEdit *m_authority;
    StringMatchEdit *m_scheme;
    StringMatchTable *m_headers;
    StringMatchTable *m_queryParams;
    StringMatchTable *m_withoutHeaders;
    QSpinBox *m_port;
    QCheckBox *m_ignoreUriCase;
};
