#pragma once

#include <QIcon>

// The toolbar's icons, drawn with QPainter paths at whatever size and device pixel ratio they
// are asked for. The designs are the SVG files in resources/icons (same 24×24 grid, same
// strokes); they are not loaded at run time because Qt's SVG module is not among the app's
// dependencies, so QIcon cannot read SVG (no qsvg image format or icon engine plugin).
// Shapes are drawn in the palette's text colour (its disabled one for disabled actions), so
// they read in light and dark palettes alike.
namespace Icons {

enum class Id { New, Open, Save, Undo, Redo, StartProxy, StopProxy, Export };

QIcon icon(Id id);

} // namespace Icons
