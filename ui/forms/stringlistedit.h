#pragma once

#include <QLineEdit>
#include <functional>

// A list of short strings (hosts, gateways, methods) edited as one line, separated by commas
// or spaces. Each entry can be checked as it is typed: the first problem turns the field's
// frame red and becomes its tooltip, but the values are still reported, so the YAML and the
// validator see exactly what the user typed.
class StringListEdit : public QLineEdit {
    Q_OBJECT

public:
    // Returns a problem with one entry, or an empty string when it is fine.
    using EntryCheck = std::function<QString(const QString &entry)>;

    explicit StringListEdit(QWidget *parent = nullptr);

    void setEntryCheck(EntryCheck check) { m_check = std::move(check); }
    // Shows `values` unless the text already says the same (keeps the cursor while typing).
    void setValues(const QStringList &values);
    QStringList values() const;
    // The problem shown for the current text, empty when none.
    QString problem() const { return m_problem; }
    // The help text shown when there is no problem to show.
    void setHelp(const QString &help);

signals:
    void valuesEdited(const QStringList &values);

private:
    void recheck();

    EntryCheck m_check;
    QString m_problem;
    QString m_help;
};
