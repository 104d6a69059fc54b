from callsheet.cli.app import main

main()
