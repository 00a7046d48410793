#pragma once

#include "environment/environmentfile.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QTableWidget;
class QTableWidgetItem;

// Proxy › Local Environment: edits the file the local proxy is served with (listen address,
// gateway port → local port, destination → address, credentials, certificate root). Each entry
// is checked as it is typed (a bad one is marked, with the reason in its tooltip and below the
// tables); saving refuses while any entry is bad. Saving writes the file atomically, keeping
// what the dialog does not edit (environmentfile.h says what survives).
class EnvironmentDialog : public QDialog {
    Q_OBJECT

public:
    // `path`: the environment file; it need not exist yet.
    explicit EnvironmentDialog(const QString &path, QWidget *parent = nullptr);

    QString path() const;
    // Reads `path()` into the form (a missing file: an empty form). False with `error` set
    // when the file exists but cannot be read.
    bool load(QString *error = nullptr);
    // What the form holds now.
    Environment::EnvironmentEntries entries() const;
    // The first entry that is wrong, as a message; empty when the form is fine.
    QString firstError() const;
    // Writes the form to `path()` (atomic). False, with the message shown in the dialog, when
    // an entry is wrong or the file cannot be written.
    bool save();

    void accept() override; // saves first; stays open when saving fails

signals:
    // The file was written (the main window reloads the running proxy).
    void saved(const QString &path);

private:
    QTableWidget *addTable(const QStringList &headers, const QStringList &tips,
                           const QString &objectName, const QString &accessibleName);
    void addRow(QTableWidget *table, const QStringList &values);
    void validate();
    void setEntries(const Environment::EnvironmentEntries &entries);
    QString checkItem(const QTableWidget *table, int row, int column) const;
    void showMessage(const QString &message, bool error);

    QLineEdit *m_path;
    QLineEdit *m_listen;
    QTableWidget *m_ports;
    QTableWidget *m_upstreams;
    QTableWidget *m_credentials;
    QLineEdit *m_certificateRoot;
    QLabel *m_message;
    QByteArray m_original; // the file as loaded: what saving keeps of it
};
