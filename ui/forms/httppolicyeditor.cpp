#include "httppolicyeditor.h"

#include "durationedit.h"
#include "formwidgetsync.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

constexpr double UNSET_PERCENT = -1.0;

std::optional<QString> nonEmpty(const QLineEdit *edit)
{
    return FormSync::textOrNull(edit);
}

QDoubleSpinBox *percentSpin(const QString &unsetText)
{
    auto *spin = new QDoubleSpinBox;
    spin->setRange(UNSET_PERCENT, 100.0);
    spin->setDecimals(4);
    spin->setSuffix(QStringLiteral(" %"));
    spin->setSpecialValueText(unsetText);
    spin->setValue(UNSET_PERCENT);
    return spin;
}

void setPercent(QDoubleSpinBox *spin, const std::optional<Istio::Percent> &percent)
{
    const double value = percent && percent->value ? *percent->value : UNSET_PERCENT;
    if (spin->value() == value)
        return;
    const QSignalBlocker blocker(spin);
    spin->setValue(value);
}

std::optional<Istio::Percent> percentOf(const QDoubleSpinBox *spin)
{
    if (spin->value() <= UNSET_PERCENT)
        return std::nullopt;
    return Istio::Percent{spin->value()};
}

QGroupBox *group(const QString &title, const QString &objectName, const QString &help)
{
    auto *box = new QGroupBox(title);
    box->setObjectName(objectName);
    box->setCheckable(true);
    box->setChecked(false);
    box->setAccessibleName(title);
    box->setToolTip(help);
    return box;
}

template <class W>
W *named(W *widget, const QString &objectName, const QString &accessible, const QString &help)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessible);
    widget->setToolTip(help);
    return widget;
}

} // namespace

HttpPolicyEditor::HttpPolicyEditor(QWidget *parent) : QWidget(parent)
{
    m_rewrite = group(tr("Rewrite"), QStringLiteral("rewriteGroup"),
                      tr("Rewrites the request before it is forwarded. Not allowed together "
                         "with redirect or direct response."));
    m_rewriteUri = named(new QLineEdit, QStringLiteral("rewriteUri"), tr("Rewrite URI"),
                         tr("With a prefix match, replaces the matched prefix; with an exact or "
                            "regex match, replaces the whole path. The query is kept."));
    m_rewriteAuthority =
        named(new QLineEdit, QStringLiteral("rewriteAuthority"), tr("Rewrite authority"),
              tr("Rewrites Host/:authority. Set the authority in one place only (here or "
                 "request header operations on :authority/host)."));
    m_regexMatch =
        named(new QLineEdit, QStringLiteral("rewriteRegexMatch"), tr("URI regex rewrite match"),
              tr("RE2 pattern applied to the path (uriRegexRewrite.match); both match and "
                 "rewrite are required."));
    m_regexRewrite = named(
        new QLineEdit, QStringLiteral("rewriteRegexRewrite"), tr("URI regex rewrite substitution"),
        tr("Substitution for uriRegexRewrite; capture groups are written \\1, \\2."));
    auto *rewriteForm = new QFormLayout(m_rewrite);
    rewriteForm->addRow(tr("URI"), m_rewriteUri);
    rewriteForm->addRow(tr("Authority"), m_rewriteAuthority);
    rewriteForm->addRow(tr("Regex match"), m_regexMatch);
    rewriteForm->addRow(tr("Regex rewrite"), m_regexRewrite);

    m_timeout = named(new DurationEdit, QStringLiteral("timeout"), tr("Timeout"), QString());
    m_timeout->setHelp(
        tr("How long the gateway waits for the upstream's whole response, retries included, "
           "before answering 504 upstream request timeout. At least 1 ms, millisecond "
           "precision. Absent: no timeout (Istio disables Envoy's 15 s default for HTTP "
           "routes)."));

    m_retries = group(tr("Retries"), QStringLiteral("retriesGroup"),
                      tr("Retry policy. Absent: Istio's default applies — 2 retries on "
                         "connect-failure, refused-stream, unavailable, cancelled, "
                         "retriable-status-codes, avoiding previously tried hosts (the mesh "
                         "config can change it)."));
    m_attempts = named(new QSpinBox, QStringLiteral("retryAttempts"), tr("Retry attempts"),
                       tr("Number of retries, so at most 1 + attempts requests. 0 disables "
                          "retries (then per-try timeout and retry on must be unset)."));
    m_attempts->setRange(0, 1000);
    m_perTryTimeout = named(new DurationEdit, QStringLiteral("retryPerTryTimeout"),
                            tr("Per-try timeout"), QString());
    m_perTryTimeout->setHelp(tr("Timeout of each attempt, at least 1 ms. The route timeout "
                                "still bounds the whole request."));
    m_retryOn = named(new QLineEdit, QStringLiteral("retryOn"), tr("Retry on"),
                      tr("Comma list of Envoy retry policies: 5xx, gateway-error, reset, "
                         "connect-failure, retriable-4xx, refused-stream, "
                         "retriable-status-codes, ... and gRPC ones (cancelled, "
                         "deadline-exceeded, internal, resource-exhausted, unavailable). "
                         "Numeric HTTP codes add retriable-status-codes automatically."));
    auto *retriesForm = new QFormLayout(m_retries);
    retriesForm->addRow(tr("Attempts"), m_attempts);
    retriesForm->addRow(tr("Per-try timeout"), m_perTryTimeout);
    retriesForm->addRow(tr("Retry on"), m_retryOn);

    m_fault = group(tr("Fault injection"), QStringLiteral("faultGroup"),
                    tr("Injects delays and aborts, decided independently. Needs a delay or an "
                       "abort. Without a percentage nothing is faulted."));
    m_delay = named(new DurationEdit, QStringLiteral("faultDelay"), tr("Fault delay"), QString());
    m_delay->setHelp(tr("fixedDelay: wait this long (at least 1 ms) before forwarding."));
    m_delayPercent = named(percentSpin(tr("unset: no delay")), QStringLiteral("faultDelayPercent"),
                           tr("Fault delay percentage"),
                           tr("Share of requests delayed, 0–100 (applied as parts per "
                              "million). Unset: nothing is delayed."));
    m_abortStatus = named(FormSync::optionalSpin(199, 599, tr("no abort")),
                          QStringLiteral("faultAbortStatus"), tr("Fault abort status"),
                          tr("HTTP status (200–599) returned instead of forwarding, with body "
                             "\"fault filter abort\"."));
    m_abortPercent = named(percentSpin(tr("unset: no abort")), QStringLiteral("faultAbortPercent"),
                           tr("Fault abort percentage"),
                           tr("Share of requests aborted, 0–100. Unset: nothing is aborted."));
    auto *faultForm = new QFormLayout(m_fault);
    faultForm->addRow(tr("Delay"), m_delay);
    faultForm->addRow(tr("Delay %"), m_delayPercent);
    faultForm->addRow(tr("Abort status"), m_abortStatus);
    faultForm->addRow(tr("Abort %"), m_abortPercent);

    m_mirror = group(tr("Mirror"), QStringLiteral("mirrorGroup"),
                     tr("Fire-and-forget copies of requests to another destination; its "
                        "responses are ignored. Exclusive with mirrors[]."));
    m_mirrorHost = named(new QLineEdit, QStringLiteral("mirrorHost"), tr("Mirror host"),
                         tr("Service that receives the copies."));
    m_mirrorSubset = named(new QLineEdit, QStringLiteral("mirrorSubset"), tr("Mirror subset"),
                           tr("DestinationRule subset of the mirror host."));
    m_mirrorPort =
        named(FormSync::optionalSpin(0, 65535, tr("default")), QStringLiteral("mirrorPort"),
              tr("Mirror port"), tr("Service port of the mirror host."));
    m_mirrorPercent = named(percentSpin(tr("unset: 100 %")), QStringLiteral("mirrorPercentage"),
                            tr("Mirror percentage"),
                            tr("Share of traffic copied. Absent means 100 %; an explicit 0 "
                               "means none."));
    auto *mirrorForm = new QFormLayout(m_mirror);
    mirrorForm->addRow(tr("Host"), m_mirrorHost);
    mirrorForm->addRow(tr("Subset"), m_mirrorSubset);
    mirrorForm->addRow(tr("Port"), m_mirrorPort);
    mirrorForm->addRow(tr("Percentage"), m_mirrorPercent);

    auto *timeoutRow = new QFormLayout;
    timeoutRow->addRow(tr("Timeout"), m_timeout);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(timeoutRow);
    layout->addWidget(m_rewrite);
    layout->addWidget(m_retries);
    layout->addWidget(m_fault);
    layout->addWidget(m_mirror);

    connect(m_rewrite, &QGroupBox::clicked, this, [this] { edit(QStringLiteral("rewrite")); });
    connect(m_retries, &QGroupBox::clicked, this, [this] { edit(QStringLiteral("retries")); });
    connect(m_fault, &QGroupBox::clicked, this, [this] { edit(QStringLiteral("fault")); });
    connect(m_mirror, &QGroupBox::clicked, this, [this] { edit(QStringLiteral("mirror")); });
    for (const auto &[widget, field] :
         {std::pair{m_rewriteUri, QStringLiteral("rewrite.uri")},
          std::pair{m_rewriteAuthority, QStringLiteral("rewrite.authority")},
          std::pair{m_regexMatch, QStringLiteral("rewrite.uriRegexRewrite")},
          std::pair{m_regexRewrite, QStringLiteral("rewrite.uriRegexRewrite")},
          std::pair{m_retryOn, QStringLiteral("retries.retryOn")},
          std::pair{m_mirrorHost, QStringLiteral("mirror.host")},
          std::pair{m_mirrorSubset, QStringLiteral("mirror.subset")}}) {
        connect(widget, &QLineEdit::textEdited, this, [this, field] { edit(field); });
    }
    for (const auto &[widget, field] :
         {std::pair{m_timeout, QStringLiteral("timeout")},
          std::pair{m_perTryTimeout, QStringLiteral("retries.perTryTimeout")},
          std::pair{m_delay, QStringLiteral("fault.delay.fixedDelay")}}) {
        connect(widget, &DurationEdit::durationEdited, this, [this, field] { edit(field); });
    }
    for (const auto &[widget, field] :
         {std::pair{m_attempts, QStringLiteral("retries.attempts")},
          std::pair{m_abortStatus, QStringLiteral("fault.abort.httpStatus")},
          std::pair{m_mirrorPort, QStringLiteral("mirror.port")}}) {
        connect(widget, &QSpinBox::valueChanged, this, [this, field] { edit(field); });
    }
    for (const auto &[widget, field] :
         {std::pair{m_delayPercent, QStringLiteral("fault.delay.percentage")},
          std::pair{m_abortPercent, QStringLiteral("fault.abort.percentage")},
          std::pair{m_mirrorPercent, QStringLiteral("mirrorPercentage")}}) {
        connect(widget, &QDoubleSpinBox::valueChanged, this, [this, field] { edit(field); });
    }
}

void HttpPolicyEditor::setRoute(const Istio::HTTPRoute &route)
{
    m_route = route;
    showRoute();
}

bool HttpPolicyEditor::focusField(const QString &path)
{
    const std::pair<const char *, QWidget *> targets[] = {
        {"timeout", m_timeout},
        {"rewrite.uriRegexRewrite", m_regexMatch},
        {"rewrite.authority", m_rewriteAuthority},
        {"rewrite", m_rewriteUri},
        {"retries.perTryTimeout", m_perTryTimeout},
        {"retries.retryOn", m_retryOn},
        {"retries", m_attempts},
        {"fault.delay.percentage", m_delayPercent},
        {"fault.delay", m_delay},
        {"fault.abort.percentage", m_abortPercent},
        {"fault", m_abortStatus},
        {"mirrorPercentage", m_mirrorPercent},
        {"mirror", m_mirrorHost}};
    for (const auto &[prefix, widget] : targets) {
        if (path.startsWith(QLatin1String(prefix))) {
            widget->setFocus(Qt::OtherFocusReason);
            return true;
        }
    }
    return false;
}

void HttpPolicyEditor::showRoute()
{
    FormSync::setChecked(m_rewrite, m_route.rewrite.has_value());
    const auto rewrite = m_route.rewrite.value_or(Istio::HTTPRewrite{});
    FormSync::setText(m_rewriteUri, rewrite.uri);
    FormSync::setText(m_rewriteAuthority, rewrite.authority);
    const auto regex = rewrite.uriRegexRewrite.value_or(Istio::RegexRewrite{});
    FormSync::setText(m_regexMatch, regex.match);
    FormSync::setText(m_regexRewrite, regex.rewrite);

    m_timeout->setDuration(m_route.timeout);

    FormSync::setChecked(m_retries, m_route.retries.has_value());
    const auto retries = m_route.retries.value_or(Istio::HTTPRetry{});
    FormSync::setValue(m_attempts, retries.attempts.value_or(0));
    m_perTryTimeout->setDuration(retries.perTryTimeout);
    FormSync::setText(m_retryOn, retries.retryOn);

    FormSync::setChecked(m_fault, m_route.fault.has_value());
    const auto fault = m_route.fault.value_or(Istio::HTTPFaultInjection{});
    const auto delay = fault.delay.value_or(Istio::FaultDelay{});
    m_delay->setDuration(delay.fixedDelay);
    setPercent(m_delayPercent, delay.percentage);
    const auto abort = fault.abort.value_or(Istio::FaultAbort{});
    FormSync::setOptional(m_abortStatus, abort.httpStatus);
    setPercent(m_abortPercent, abort.percentage);

    FormSync::setChecked(m_mirror, m_route.mirror.has_value());
    const auto mirror = m_route.mirror.value_or(Istio::Destination{});
    FormSync::setText(m_mirrorHost, mirror.host);
    FormSync::setText(m_mirrorSubset, mirror.subset);
    FormSync::setOptional(m_mirrorPort, mirror.port ? mirror.port->number : std::nullopt);
    setPercent(m_mirrorPercent, m_route.mirrorPercentage);
}

void HttpPolicyEditor::edit(const QString &field)
{
    Istio::HTTPRoute &route = m_route;
    QString description;
    if (field.startsWith(QLatin1String("rewrite"))) {
        description = tr("Edit rewrite");
        if (!m_rewrite->isChecked()) {
            route.rewrite.reset();
        } else {
            Istio::HTTPRewrite rewrite = route.rewrite.value_or(Istio::HTTPRewrite{});
            if (field == QLatin1String("rewrite.uri")) {
                rewrite.uri = nonEmpty(m_rewriteUri);
            } else if (field == QLatin1String("rewrite.authority")) {
                rewrite.authority = nonEmpty(m_rewriteAuthority);
            } else if (field == QLatin1String("rewrite.uriRegexRewrite")) {
                if (m_regexMatch->text().isEmpty() && m_regexRewrite->text().isEmpty())
                    rewrite.uriRegexRewrite.reset();
                else
                    rewrite.uriRegexRewrite =
                        Istio::RegexRewrite{nonEmpty(m_regexMatch), nonEmpty(m_regexRewrite)};
            }
            route.rewrite = rewrite;
        }
    } else if (field == QLatin1String("timeout")) {
        description = tr("Edit route timeout");
        route.timeout = m_timeout->duration();
    } else if (field.startsWith(QLatin1String("retries"))) {
        description = tr("Edit retries");
        if (!m_retries->isChecked()) {
            route.retries.reset();
        } else {
            // Only the field edited changes: fields shown as defaults (attempts 0, no abort)
            // must not be written for a block that does not have them.
            Istio::HTTPRetry retries = route.retries.value_or(Istio::HTTPRetry{});
            if (field == QLatin1String("retries") && !route.retries)
                retries.attempts = 2; // a new block starts from Istio's default count
            else if (field == QLatin1String("retries.attempts"))
                retries.attempts = m_attempts->value();
            else if (field == QLatin1String("retries.perTryTimeout"))
                retries.perTryTimeout = m_perTryTimeout->duration();
            else if (field == QLatin1String("retries.retryOn"))
                retries.retryOn = nonEmpty(m_retryOn);
            route.retries = retries;
        }
    } else if (field.startsWith(QLatin1String("fault"))) {
        description = tr("Edit fault injection");
        if (!m_fault->isChecked()) {
            route.fault.reset();
        } else {
            Istio::HTTPFaultInjection fault = route.fault.value_or(Istio::HTTPFaultInjection{});
            if (field.startsWith(QLatin1String("fault.delay"))) {
                Istio::FaultDelay delay = fault.delay.value_or(Istio::FaultDelay{});
                if (field == QLatin1String("fault.delay.fixedDelay"))
                    delay.fixedDelay = m_delay->duration();
                else
                    delay.percentage = percentOf(m_delayPercent);
                fault.delay = delay == Istio::FaultDelay{} ? std::nullopt : std::optional(delay);
            } else if (field.startsWith(QLatin1String("fault.abort"))) {
                Istio::FaultAbort abort = fault.abort.value_or(Istio::FaultAbort{});
                if (field == QLatin1String("fault.abort.httpStatus"))
                    abort.httpStatus = FormSync::optional<qint32>(m_abortStatus);
                else
                    abort.percentage = percentOf(m_abortPercent);
                fault.abort = abort == Istio::FaultAbort{} ? std::nullopt : std::optional(abort);
            }
            route.fault = fault;
        }
    } else if (field.startsWith(QLatin1String("mirror"))) {
        description = tr("Edit mirror");
        if (!m_mirror->isChecked()) {
            route.mirror.reset();
            route.mirrorPercentage.reset();
        } else {
            Istio::Destination mirror =
                route.mirror.value_or(Istio::Destination{QString(), std::nullopt, std::nullopt});
            if (field == QLatin1String("mirror.host")) {
                mirror.host = m_mirrorHost->text();
            } else if (field == QLatin1String("mirror.subset")) {
                mirror.subset = nonEmpty(m_mirrorSubset);
            } else if (field == QLatin1String("mirror.port")) {
                const auto port = FormSync::optional<quint32>(m_mirrorPort);
                mirror.port = port ? std::optional(Istio::PortSelector{port}) : std::nullopt;
            }
            route.mirror = mirror;
            if (field == QLatin1String("mirrorPercentage"))
                route.mirrorPercentage = percentOf(m_mirrorPercent);
        }
    }
    emit routeEdited(m_route, description, field);
}
