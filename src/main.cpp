// Wiring only: the command line decides what runs.
#include "cli/cli.h"

int main(int argc, char** argv) { return conduct::cli::run(argc, argv); }
