#pragma once

#include <QString>
#include <optional>

namespace Istio {

// A protobuf Duration as Istio manifests write it: Go duration syntax ("500ms", "1.5s",
// "1m30s"). Keeps the text the user wrote; compares by length of time.
struct Duration {
    QString text;
    qint64 nanoseconds = 0;

    static std::optional<Duration> parse(const QString &text);
    static Duration fromMilliseconds(qint64 milliseconds); // text like "250ms" or "2s"

    qint64 milliseconds() const { return nanoseconds / 1000000; }
    bool operator==(const Duration &other) const { return nanoseconds == other.nanoseconds; }
};

} // namespace Istio
