package io.holdfast.central.demo;

import java.util.List;

/** What the demo retailer sells: enough variety for believable orders and receipts. */
final class Catalogue {

    /** @param category as the returns policy names it */
    record Product(String sku, String description, long pricePence, String category) {
    }

    static final List<Product> PRODUCTS = List.of(
            new Product("5001001", "Linen shirt, blue, M", 2950, "CLOTHING"),
            new Product("5001002", "Linen shirt, white, L", 2950, "CLOTHING"),
            new Product("5001013", "Chino trousers, stone, 32R", 3500, "CLOTHING"),
            new Product("5001024", "Merino jumper, navy, S", 4500, "CLOTHING"),
            new Product("5001035", "Canvas tote", 1200, "CLOTHING"),
            new Product("5001046", "Leather belt, brown, 34", 2200, "CLOTHING"),
            new Product("5002001", "Cotton bedding set, double", 6000, "HOME"),
            new Product("5002012", "Bath towel, charcoal", 1400, "HOME"),
            new Product("5002023", "Ceramic mug set of 4", 1800, "HOME"),
            new Product("5002034", "Scented candle, fig", 1000, "HOME"),
            new Product("5003001", "Trainers, white, UK 7", 5500, "FOOTWEAR"),
            new Product("5003012", "Ankle boots, black, UK 5", 7900, "FOOTWEAR"),
            new Product("5004001", "Personalised notebook", 1500, "PERSONALISED"),
            new Product("5004012", "Pierced earrings, silver hoops", 2500, "PIERCED_JEWELLERY"),
            new Product("5005001", "Chocolate selection box", 800, "FOOD"),
            new Product("5005012", "Christmas pudding 900 g", 1200, "FOOD"));

    /** Varied enough that a surname search in a big store matches tens of orders, as in a real one. */
    static final List<String> FIRST_NAMES = List.of("Jane", "Amir", "Olivia", "Kwame", "Siobhan", "Tom", "Priya",
            "Lukasz", "Grace", "Mohammed", "Ellie", "Chen", "Hannah", "Dylan", "Aisha", "George", "Amelia", "Oliver",
            "Isla", "Harry", "Ava", "Jack", "Mia", "Noah", "Sophie", "Leo", "Freya", "Arthur", "Zara", "Oscar",
            "Ruby", "Ethan", "Layla", "Samuel", "Evie", "Yusuf", "Chloe", "Daniel", "Fatima", "Rhys");
    static final List<String> LAST_NAMES = List.of("Smith", "Khan", "Jones", "Mensah", "O'Brien", "Taylor", "Patel",
            "Nowak", "Williams", "Ali", "Brown", "Wei", "Evans", "Hughes", "Begum", "Wilson", "Davies", "Roberts",
            "Walker", "Wright", "Thompson", "White", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin",
            "Jackson", "Clarke", "Clark", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore", "King",
            "Watson", "Baker", "Harrison", "Morgan", "Young", "Allen", "Mitchell", "James", "Anderson", "Phillips",
            "Lee", "Bell", "Parker", "Davis", "Kaur", "Singh", "Hussain", "Ahmed", "Okafor", "Kowalski", "Murphy",
            "Kelly", "Campbell", "Stewart", "Robertson", "Macdonald", "Reid", "Shah", "Mahmood", "Adeyemi", "Nguyen",
            "Santos", "Rossi", "Fernandes", "Novak", "Sharma", "Chowdhury", "Mistry", "Byrne", "Doyle");
    static final List<String> POSTCODES = List.of("LS1 4AP", "LS6 2QB", "LS8 1NZ", "LS11 5DR", "BD1 3HL", "HX1 1UB",
            "WF1 2EB", "YO1 7HH", "LS17 6AN", "LS28 7AE");

    private Catalogue() {
    }
}
