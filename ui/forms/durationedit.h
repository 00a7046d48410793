#pragma once

#include "model/duration.h"

#include <QLineEdit>

// An optional protobuf Duration typed in Go syntax ("250ms", "1.5s", "1m30s"). Empty means
// absent. Text that does not parse gets a red frame and is not reported, so the resource keeps
// its last valid value until the text parses again.
class DurationEdit : public QLineEdit {
    Q_OBJECT

public:
    explicit DurationEdit(QWidget *parent = nullptr);

    // Leaves the text alone when it already means `duration` (keeps "1000ms" vs "1s" as typed).
    void setDuration(const std::optional<Istio::Duration> &duration);
    std::optional<Istio::Duration> duration() const;
    bool isValid() const;
    void setHelp(const QString &help);

signals:
    void durationEdited();

private:
    void recheck();

    QString m_help;
};
