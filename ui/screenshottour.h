#pragma once

#include <QString>
#include <functional>

class MainWindow;

// Walks the window through its main views on the open design and saves each as a PNG in
// `folder` (the README's screenshots): the topology, a resource's YAML, the Request Tester
// answering through the running local proxy, and the Traffic dock. Asynchronous: `done` gets
// the files written, or an empty list and the reason. Proxy ports are any free ones.
void runScreenshotTour(MainWindow &window, const QString &folder,
                       std::function<void(const QStringList &files, const QString &error)> done);
