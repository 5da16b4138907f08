"""Claims (理赔): the rules that work out what a lost, damaged, short or late parcel is worth."""
