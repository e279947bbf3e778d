from formlint.cli.main import main

main()
