#pragma once

#include "core/diagnostic.h"

#include <QIcon>
#include <array>

// The mark a finding's level gets wherever it is shown (Problems list, Resources badges): a
// coloured dot drawn at runtime, so the two views agree without shipping images. Needs a
// QGuiApplication; the icons are made once and shared.
QIcon levelIcon(Core::Level level);

// "2 errors, 1 warning"; empty when all counts are zero. `counts` is indexed by Core::Level.
QString levelCountsText(const std::array<int, 3> &counts);
