#pragma once

#include <QObject>
#include <functional>

class QWidget;

// For the launch benchmark (bench/ui): calls `done` with the milliseconds from the start of
// the process to the end of the window's first paint (the first frame the user could see),
// once. On Linux the start is the kernel's record of the process (10 ms ticks); elsewhere the
// first call of this function.
void whenFirstPainted(QWidget *window, std::function<void(double milliseconds)> done);
