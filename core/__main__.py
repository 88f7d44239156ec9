from chohyo.cli import main

main()
