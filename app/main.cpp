// gatehouse: the desktop app without a subcommand, the command-line tool with one.

#include "cli/commandline.h"
#include "launchtimer.h"
#include "mainwindow.h"
#include "screenshottour.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

namespace {

// Qt would abort when no windowing system is reachable; check first so we can explain and fall
// back to the headless tool instead.
bool displayAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") ||
           !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList arguments = argumentsOf(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GATEHOUSE_VERSION));

    if (Cli::wantsCommandLine(arguments) || !displayAvailable()) {
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        if (Cli::wantsCommandLine(arguments))
            return Cli::run(arguments, {out, err});
        err << "gatehouse: no display available (DISPLAY and WAYLAND_DISPLAY are unset), so the "
               "desktop app cannot open.\n";
        if (arguments.isEmpty()) {
            err << "Give it files to check headless, or run a command:\n\n" << Cli::usage();
            return Cli::EXIT_USAGE;
        }
        err << "Running the headless equivalent: gatehouse validate " << arguments.join(' ')
            << "\n";
        err.flush();
        return Cli::run(QStringList{QStringLiteral("validate")} + arguments, {out, err});
    }

    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/gatehouse.svg")));
    MainWindow window;
    // GATEHOUSE_LAUNCH_TIME=1: print how long the window took to appear, and quit (bench/ui).
    if (qEnvironmentVariableIsSet("GATEHOUSE_LAUNCH_TIME"))
        whenFirstPainted(&window, [](double milliseconds) {
            QTextStream(stdout) << "launch_ms " << milliseconds << '\n';
            QCoreApplication::quit();
        });
    window.openPaths(arguments);
    window.show();
    // GATEHOUSE_SCREENSHOTS=DIR: save the main views as PNGs and quit (installer/screenshots.sh).
    const QString screenshots = qEnvironmentVariable("GATEHOUSE_SCREENSHOTS");
    if (!screenshots.isEmpty()) {
        runScreenshotTour(window, screenshots, [](const QStringList &files, const QString &error) {
            QTextStream err(stderr);
            for (const QString &file : files)
                err << "wrote " << file << '\n';
            if (!error.isEmpty())
                err << "gatehouse: screenshots: " << error << '\n';
            QCoreApplication::exit(error.isEmpty() ? 0 : 1);
        });
    }
    return app.exec();
}
