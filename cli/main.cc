#include "run_cli.h"

int main(int argc, char** argv) { return naskah::run_cli(argc, argv); }
