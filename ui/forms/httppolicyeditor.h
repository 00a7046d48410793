#pragma once

#include "model/virtualservice.h"

#include <QWidget>

class DurationEdit;
class QDoubleSpinBox;
class QGroupBox;
class QLineEdit;
class QSpinBox;

// Rewrite, timeout, retries, fault injection and mirroring of one http route. Each optional
// block is a checkable group: checking it adds the block, unchecking removes it. Fields not
// shown (retry backoff and localities, grpcStatus, mirrors[], deprecated percents) are kept.
class HttpPolicyEditor : public QWidget {
    Q_OBJECT

public:
    explicit HttpPolicyEditor(QWidget *parent = nullptr);

    void setRoute(const Istio::HTTPRoute &route);
    // Focuses the widget of a path below the route ("timeout", "retries.attempts", ...).
    bool focusField(const QString &path);

signals:
    void routeEdited(const Istio::HTTPRoute &route, const QString &description,
                     const QString &keySuffix);

private:
    void edit(const QString &field);
    void showRoute();

    Istio::HTTPRoute m_route;
    QGroupBox *m_rewrite;
    QLineEdit *m_rewriteUri;
    QLineEdit *m_rewriteAuthority;
    QLineEdit *m_regexMatch;
    QLineEdit *m_regexRewrite;
    DurationEdit *m_timeout;
    QGroupBox *m_retries;
    QSpinBox *m_attempts;
    DurationEdit *m_perTryTimeout;
    QLineEdit *m_retryOn;
    QGroupBox *m_fault;
    DurationEdit *m_delay;
    QDoubleSpinBox *m_delayPercent;
    QSpinBox *m_abortStatus;
    QDoubleSpinBox *m_abortPercent;
    QGroupBox *m_mirror;
    QLineEdit *m_mirrorHost;
    QLineEdit *m_mirrorSubset;
    QSpinBox *m_mirrorPort;
    QDoubleSpinBox *m_mirrorPercent;
};
