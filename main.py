from source_stages.run import run

if __name__ == "__main__":
    run()
