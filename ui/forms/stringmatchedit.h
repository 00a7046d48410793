#pragma once

#include "model/common.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

// One Istio StringMatch (exact / prefix / regex) or none, as a kind selector and a value. A
// regex is checked with QRegularExpression as it is typed; that is a first approximation only:
// Istio compiles it with RE2 (full match, at most 1024 characters), which is authoritative.
class StringMatchEdit : public QWidget {
    Q_OBJECT

public:
    explicit StringMatchEdit(const QString &accessibleName, QWidget *parent = nullptr);

    // Updates in place: the value being typed keeps its cursor; emits nothing.
    void setMatch(const std::optional<Istio::StringMatch> &match);
    std::optional<Istio::StringMatch> match() const;
    // What Istio does with the field; shown on both controls (with any problem first).
    void setHelp(const QString &help);
    QComboBox *kindCombo() const { return m_kind; }
    QLineEdit *valueEdit() const { return m_value; }

    // The problem with a regex for QRegularExpression, empty when it compiles.
    static QString regexProblem(const QString &pattern);
    static QString kindOf(const std::optional<Istio::StringMatch> &match);
    static QString valueOf(const std::optional<Istio::StringMatch> &match);
    static std::optional<Istio::StringMatch> make(const QString &kind, const QString &value);

signals:
    void matchEdited();

private:
    void recheck();

    QComboBox *m_kind;
    QLineEdit *m_value;
    QString m_help;
};
