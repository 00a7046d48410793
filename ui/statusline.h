#pragma once

#include <QString>

class QLabel;

// A dialog's status line: plain for progress and results, red for what went wrong, so an
// error stands out on light and dark palettes alike.
void showStatus(QLabel *label, const QString &text, bool error = false);
